const PREFIX = '#invite=';

/**
 * The token of an invite link (`/console#invite=TOKEN`), or null when the address is not one. In the
 * fragment, the token never reaches a server log. A damaged token is returned as is: the server says no.
 */
export function inviteTokenFrom(hash: string): string | null {
  return hash.startsWith(PREFIX) ? hash.slice(PREFIX.length, PREFIX.length + 300) : null;
}

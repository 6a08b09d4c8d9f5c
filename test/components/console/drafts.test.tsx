import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AgentConversationDetail } from '../../../server/protocol/events.ts';
import { createDrafts, DRAFT_TTL_MS } from '../../../widget/console/composer/drafts.ts';
import { DepsContext } from '../../../widget/console/deps.ts';
import { App } from '../../../widget/console/shell/App.tsx';
import { agent, conversation, deps, fakeApi, fakeConnection, message, visitor } from './fakes.ts';

const open = conversation({ id: 'c-open', preview: 'Parcel is late' });
const detail = (): AgentConversationDetail => ({
  conversation: open,
  messages: [message({ seq: 1, text: 'Where is it?' })],
  visitor: visitor(),
  trail: [],
  previous: [],
});

/** A storage that works like the browser's, shared by "tabs" and "reloads" made from it. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

describe('drafts', () => {
  it('survive a reload (a new page over the same storage)', () => {
    const storage = memoryStorage();
    createDrafts('ada', storage, () => 1000).set('c1', 'Half a reply');
    expect(createDrafts('ada', storage, () => 2000).get('c1')).toBe('Half a reply');
  });

  it('belong to one agent: another agent on the same browser sees none of them', () => {
    const storage = memoryStorage();
    createDrafts('ada', storage).set('c1', 'For Grace');
    expect(createDrafts('ben', storage).get('c1')).toBe('');
    expect(createDrafts('ada', storage).get('c1')).toBe('For Grace');
  });

  it('from two tabs of the same agent do not overwrite each other', () => {
    const storage = memoryStorage();
    const tabA = createDrafts('ada', storage);
    const tabB = createDrafts('ada', storage);
    tabA.set('c1', 'From tab A');
    tabB.set('c2', 'From tab B');
    expect(createDrafts('ada', storage).get('c1')).toBe('From tab A');
    expect(tabA.get('c2')).toBe('From tab B');
    tabB.set('c1', '');
    expect(tabA.get('c1')).toBe('');
  });

  it('are forgotten once older than a session lasts', () => {
    const storage = memoryStorage();
    createDrafts('ada', storage, () => 0).set('old', 'Stale');
    createDrafts('ada', storage, () => DRAFT_TTL_MS).set('new', 'Fresh');
    const later = createDrafts('ada', storage, () => DRAFT_TTL_MS + 1);
    expect(later.get('old')).toBe('');
    expect(later.get('new')).toBe('Fresh');
  });

  it('live in memory when storage is refused, and ignore damaged entries', () => {
    const refusing = memoryStorage();
    refusing.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const drafts = createDrafts('ada', refusing);
    drafts.set('c1', 'Still here');
    expect(drafts.get('c1')).toBe('Still here');

    const damaged = memoryStorage();
    damaged.setItem('parley.console.drafts.ada', '{"c1":{"text":42},"c2":"x",');
    expect(createDrafts('ada', damaged).get('c1')).toBe('');
    expect(createDrafts('ada', null).get('c1')).toBe('');
  });

  it('carry over the drafts kept by the previous version in the tab', () => {
    const storage = memoryStorage();
    const legacy = memoryStorage();
    legacy.setItem('parley.console.drafts', JSON.stringify({ c1: 'Typed before the update' }));
    expect(createDrafts('ada', storage, Date.now, legacy).get('c1')).toBe('Typed before the update');
    expect(legacy.getItem('parley.console.drafts')).toBeNull();
  });

  it('survive an ended session and signing out and in again, in the reply box', {
    timeout: 20_000,
  }, async () => {
    const ada = agent({ id: 'ada' });
    const link = fakeConnection({
      'inbox:list': () => ({ conversations: [open], me: ada, agents: [ada] }),
      'conversation:open': () => detail(),
      'conversation:view': () => ({ agents: [] }),
      'message:read': () => null,
      'typing:set': () => null,
    });
    const api = fakeApi({ me: async () => ada, login: async () => ada });
    const user = userEvent.setup();
    render(
      <DepsContext.Provider value={deps({ api, connect: () => link.conn })}>
        <App />
      </DepsContext.Provider>,
    );
    const openIt = async () => {
      await user.click(await screen.findByRole('button', { name: /Parcel is late/ }));
      return screen.findByRole('textbox', { name: 'Reply' });
    };
    /** Signs in from whichever sign-in screen is up, and waits until it has gone. */
    const signInAgain = async () => {
      const email = await screen.findByLabelText('Email');
      // Over an ended session the email is already filled in: the agent types only the password.
      if (!(email as HTMLInputElement).value) await user.type(email, ada.email);
      expect(email).toHaveProperty('value', ada.email);
      await user.type(screen.getByLabelText('Password'), 'correct horse battery');
      await user.click(screen.getByRole('button', { name: 'Sign in' }));
      await waitFor(() => expect(screen.queryByLabelText('Password')).toBeNull());
    };

    await user.type(await openIt(), 'Your parcel left the depot');
    link.setState('unauthorized');
    await screen.findByText('Your session ended. Sign in again to continue.');
    link.setState('connected');
    await signInAgain();
    expect(await openIt()).toHaveProperty('value', 'Your parcel left the depot');

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    // A fresh sign-in screen: nothing of the last sign-in is left in it.
    expect(await screen.findByLabelText('Password')).toHaveProperty('value', '');
    expect(screen.getByLabelText('Email')).toHaveProperty('value', '');
    await signInAgain();
    expect(await openIt()).toHaveProperty('value', 'Your parcel left the depot');
    expect(localStorage.getItem('parley.console.drafts.ada')).toContain('Your parcel left the depot');
  });
});

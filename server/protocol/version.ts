/** Bumped on any incompatible change to events or payloads; both sides send it in the handshake. */
export const PROTOCOL_VERSION = 1;

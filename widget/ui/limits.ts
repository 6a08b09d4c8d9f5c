// Copies of the two numbers the widget checks before sending. Source of truth: server/protocol/schemas.ts
// `Limits` (not imported: schemas.ts pulls zod, which must stay out of the browser bundle).

/** Limits.messageText */
export const MESSAGE_MAX = 4000;
/** Limits.trailEntries */
export const TRAIL_MAX = 50;

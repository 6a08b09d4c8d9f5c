import { z } from 'zod';
import type { Clock } from '../lib/clock.ts';
import type { Ids } from '../lib/ids.ts';
import type { SavedReplyDTO } from '../protocol/dto.ts';
import { ErrorCode } from '../protocol/errors.ts';
import type { AgentRow, SavedReplyRow, Store } from '../storage/store.ts';
import { DomainError, forbidden, notFound } from './errors.ts';

/** What agents type after `/` in the composer: lowercase letters, digits and dashes. */
const shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, '1-32 lowercase letters, digits or dashes');
const title = z.string().trim().min(1, 'must not be empty').max(120);
const text = z
  .string()
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().min(1, 'must not be empty').max(4000));

export const savedReplyInputSchema = z.object({ shortcut, title, text }).strict();
export const savedReplyPatchSchema = savedReplyInputSchema.partial().strict();
export type SavedReplyInput = z.infer<typeof savedReplyInputSchema>;

export type { SavedReplyDTO };

export const savedReplyDTO = (r: SavedReplyRow): SavedReplyDTO => ({
  id: r.id,
  shortcut: r.shortcut,
  title: r.title,
  text: r.text,
  createdBy: r.createdBy,
  updatedAt: r.updatedAt,
});

const taken = (s: string) => new DomainError(ErrorCode.conflict, `The shortcut /${s} is already used`);

/** The team's canned answers. Anyone who answers visitors may add one; its author or an admin may change it. */
export class SavedReplies {
  constructor(private readonly deps: { store: Store; clock: Clock; ids: Ids }) {}

  list(): Promise<SavedReplyRow[]> {
    return this.deps.store.savedReplies.list();
  }

  async create(author: AgentRow, input: SavedReplyInput): Promise<SavedReplyRow> {
    const now = this.deps.clock.now().toISOString();
    const row: SavedReplyRow = {
      id: this.deps.ids.id(),
      ...input,
      createdBy: author.id,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await this.deps.store.savedReplies.create(row))) throw taken(input.shortcut);
    return row;
  }

  async update(actor: AgentRow, id: string, patch: Partial<SavedReplyInput>): Promise<SavedReplyRow> {
    await this.editable(actor, id);
    const updatedAt = this.deps.clock.now().toISOString();
    if (!(await this.deps.store.savedReplies.update(id, { ...patch, updatedAt })))
      throw taken(patch.shortcut ?? '');
    const row = await this.deps.store.savedReplies.byId(id);
    if (!row) throw notFound('Saved reply');
    return row;
  }

  async remove(actor: AgentRow, id: string): Promise<void> {
    await this.editable(actor, id);
    await this.deps.store.savedReplies.delete(id);
  }

  private async editable(actor: AgentRow, id: string): Promise<SavedReplyRow> {
    const row = await this.deps.store.savedReplies.byId(id);
    if (!row) throw notFound('Saved reply');
    if (actor.role !== 'admin' && row.createdBy !== actor.id && row.createdBy !== null) {
      throw forbidden('Only its author or an admin can change this saved reply');
    }
    return row;
  }
}

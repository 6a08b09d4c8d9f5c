import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { ConversationStore } from '../store.ts';
import { containsPattern, conversation, conversationColumns } from './mappers.ts';

const markColumns = {
  visitorReadSeq: 'visitor_read_seq',
  agentReadSeq: 'agent_read_seq',
  visitorDeliveredSeq: 'visitor_delivered_seq',
  agentDeliveredSeq: 'agent_delivered_seq',
} as const;

export function kyselyConversations(db: Kysely<Database>): ConversationStore {
  const selectAll = () => db.selectFrom('conversations').selectAll();
  const list = async (q: ReturnType<typeof selectAll>) => (await q.execute()).map(conversation);
  return {
    async create(c) {
      const r = await db
        .insertInto('conversations')
        .values({
          id: c.id,
          visitor_id: c.visitorId,
          status: c.status,
          agent_id: c.agentId,
          last_seq: c.lastSeq,
          preview: c.preview,
          trail: JSON.stringify(c.trail),
          visitor_read_seq: c.visitorReadSeq,
          agent_read_seq: c.agentReadSeq,
          visitor_delivered_seq: c.visitorDeliveredSeq ?? 0,
          agent_delivered_seq: c.agentDeliveredSeq ?? 0,
          rating: c.rating,
          rating_comment: c.ratingComment,
          waiting_since: c.waitingSince,
          last_message_at: c.lastMessageAt,
          closed_at: c.closedAt,
          created_at: c.createdAt,
          updated_at: c.updatedAt,
          start_client_id: c.startClientId ?? null,
        })
        // PostgreSQL waits for a concurrent insert of the same start to commit, then does nothing.
        .onConflict((oc) => oc.columns(['visitor_id', 'start_client_id']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async byId(id) {
      const r = await selectAll().where('id', '=', id).executeTakeFirst();
      return r ? conversation(r) : undefined;
    },
    async byStartClientId(visitorId, clientId) {
      const r = await selectAll()
        .where('visitor_id', '=', visitorId)
        .where('start_client_id', '=', clientId)
        .executeTakeFirst();
      return r ? conversation(r) : undefined;
    },
    forVisitor: (visitorId) => list(selectAll().where('visitor_id', '=', visitorId).orderBy('created_at')),
    open: () => list(selectAll().where('status', '!=', 'closed').orderBy('created_at')),
    closed: (limit) =>
      list(selectAll().where('status', '=', 'closed').orderBy('closed_at', 'desc').limit(limit)),
    waiting: () => list(selectAll().where('status', '=', 'waiting').orderBy('waiting_since').orderBy('id')),
    async waitingCount() {
      const r = await db
        .selectFrom('conversations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      return Number(r?.n ?? 0);
    },
    async update(id, patch) {
      await db.updateTable('conversations').set(conversationColumns(patch)).where('id', '=', id).execute();
    },
    async assignedCounts() {
      const rows = await db
        .selectFrom('conversations')
        .select(['agent_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '=', 'assigned')
        .groupBy('agent_id')
        .execute();
      return new Map(rows.filter((r) => r.agent_id !== null).map((r) => [r.agent_id as string, Number(r.n)]));
    },
    async claim(id, agentId, now) {
      const r = await db
        .updateTable('conversations')
        .set({ status: 'assigned', agent_id: agentId, waiting_since: null, updated_at: now })
        .where('id', '=', id)
        .where('status', 'in', ['waiting', 'offline'])
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async advance(id, field, seq, visitorId) {
      const column = markColumns[field];
      // Never past the last message, never backwards; one statement, so concurrent reports cannot undo each other.
      const capped = sql<number>`case when ${seq} < last_seq then ${seq} else last_seq end`;
      let q = db
        .updateTable('conversations')
        .set({ [column]: capped })
        .where('id', '=', id)
        .where(column, '<', capped);
      if (visitorId !== undefined) q = q.where('visitor_id', '=', visitorId);
      const r = await q.returningAll().executeTakeFirst();
      return r ? conversation(r) : undefined;
    },
    async release(id, agentId, waitingSince, now) {
      const r = await db
        .updateTable('conversations')
        .set({ status: 'waiting', agent_id: null, waiting_since: waitingSince, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'assigned')
        .where('agent_id', '=', agentId)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async search(text, { status, limit }) {
      const pattern = containsPattern(text);
      const like = (col: string) => sql<boolean>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`;
      let q = db
        .selectFrom('conversations')
        .innerJoin('visitors', 'visitors.id', 'conversations.visitor_id')
        .selectAll('conversations')
        .where((eb) =>
          eb.or([
            like('visitors.name'),
            like('visitors.email'),
            eb.exists(
              eb
                .selectFrom('messages')
                .select('messages.id')
                .whereRef('messages.conversation_id', '=', 'conversations.id')
                .where(like('messages.text')),
            ),
          ]),
        );
      if (status) q = q.where('conversations.status', '=', status);
      const rows = await q.orderBy('conversations.last_message_at', 'desc').limit(limit).execute();
      return rows.map(conversation);
    },
  };
}

import type { AgentRow, ConversationRow } from '../../storage/store.ts';
import type { Core } from './core.ts';

type Side = { visitorId: string } | { agent: AgentRow };
type Mark = 'visitorReadSeq' | 'agentReadSeq' | 'visitorDeliveredSeq' | 'agentDeliveredSeq';

/** Read and delivered marks: each side's client says how far it has received and read. */
export class Receipts {
  constructor(private readonly core: Core) {}

  markRead(side: Side, id: string, seq: number) {
    return this.advance(side, id, seq, 'read');
  }

  /** One side's client has received the messages up to `seq` (reading implies it, so read does too). */
  markDelivered(side: Side, id: string, seq: number) {
    return this.advance(side, id, seq, 'delivered');
  }

  private async advance(side: Side, id: string, seq: number, kind: 'read' | 'delivered') {
    const { core } = this;
    const visitorId = 'visitorId' in side ? side.visitorId : undefined;
    const read: Mark = visitorId ? 'visitorReadSeq' : 'agentReadSeq';
    const delivered: Mark = visitorId ? 'visitorDeliveredSeq' : 'agentDeliveredSeq';
    // Many consoles report the same delivery: each report is one conditional write, and only a step
    // forward is announced. Receipts come with every message, so no read comes before the write. A read
    // moves two marks; each is monotonic and right on its own, so they need no transaction.
    const fields = kind === 'read' ? [read, delivered] : [delivered];
    const moved = await core.writeOne(async (store, facts) => {
      let last: ConversationRow | undefined;
      for (const f of fields) last = (await store.conversations.advance(id, f, seq, visitorId)) ?? last;
      if (last) facts.changed(last, kind, visitorId ? 'visitor' : 'agent');
      return last;
    });
    // Nothing moved: someone else's conversation must still look missing to a visitor.
    if (!moved && visitorId) await core.own(core.deps.store, visitorId, id);
  }
}

import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MessageDTO } from '../../../server/protocol/dto.ts';

export interface StoredMessage {
  conversationId: string;
  seq: number;
  author: string;
  text: string;
}

export interface Row {
  scenario: string;
  sent: number;
  acked: number;
  stored: number;
  seen: number;
  lost: number;
  doubled: number;
  neverSeen: number;
  outOfOrder: number;
  longestAckMs: number;
  recoveryMs: number | undefined;
  refusals: string;
}

/** Every message a scenario's clients sent, what came back, and what the other side saw. */
export class Ledger {
  private sentBy = new Map<string, 'visitor' | 'agent'>();
  private ackedAt = new Map<string, MessageDTO>();
  private seenBy = new Map<string, number>();
  private late = 0;
  private longestAck = 0;
  private refusals = new Map<string, number>();
  readonly rejections: string[] = [];
  readonly conversationsByVisitor = new Map<string, Set<string>>();
  private recovered: number | undefined;

  sent(text: string, side: 'visitor' | 'agent') {
    this.sentBy.set(text, side);
  }

  acked(text: string, message: MessageDTO, waitedMs: number, _side: 'visitor' | 'agent') {
    this.ackedAt.set(text, message);
    this.longestAck = Math.max(this.longestAck, waitedMs);
  }

  refusal(code: string) {
    this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
  }

  rejected(text: string, code: string) {
    this.rejections.push(`${text}: ${code}`);
  }

  /** A message reached a client; counted when it came from the other side. */
  seen(m: MessageDTO, by: 'visitor' | 'agent') {
    const from = by === 'visitor' ? 'agent' : 'visitor';
    if (m.author !== from || !this.sentBy.has(m.text)) return;
    this.seenBy.set(m.text, (this.seenBy.get(m.text) ?? 0) + 1);
  }

  outOfOrder(_by: 'visitor' | 'agent') {
    this.late += 1;
  }

  conversationsOf(visitor: string, ids: string[]) {
    const set = this.conversationsByVisitor.get(visitor) ?? new Set();
    for (const id of ids) set.add(id);
    this.conversationsByVisitor.set(visitor, set);
  }

  /** Every client had a command acknowledged again `ms` after a fault began (the longest of several faults). */
  recovery(ms: number) {
    this.recovered = Math.max(this.recovered ?? 0, ms);
  }

  /** Compares with what the database holds. */
  row(scenario: string, stored: StoredMessage[]): Row {
    const storedCount = new Map<string, number>();
    for (const m of stored) storedCount.set(m.text, (storedCount.get(m.text) ?? 0) + 1);
    let doubled = 0;
    for (const n of storedCount.values()) doubled += n - 1;
    // A visitor with a second conversation split their chat: a doubled start.
    for (const ids of this.conversationsByVisitor.values()) doubled += Math.max(0, ids.size - 1);
    const texts = [...this.sentBy.keys()];
    const isStored = (t: string) => storedCount.has(t);
    return {
      scenario,
      sent: texts.length,
      acked: this.ackedAt.size,
      stored: texts.filter(isStored).length,
      seen: texts.filter((t) => this.seenBy.has(t)).length,
      lost: [...this.ackedAt.keys()].filter((t) => !isStored(t)).length,
      doubled,
      neverSeen: texts.filter((t) => isStored(t) && !this.seenBy.has(t)).length,
      outOfOrder: this.late,
      longestAckMs: this.longestAck,
      recoveryMs: this.recovered,
      refusals: [...this.refusals].map(([code, n]) => `${code} ${n}`).join(', ') || '-',
    };
  }
}

const root = resolve(import.meta.dirname, '..', '..', '..');
const sec = (ms: number | undefined) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`);

/** One line of the Markdown table the suite prints (and leaves in .tmp/faults-table.md). */
export function tableLine(r: Row): string {
  return `| ${r.scenario} | ${r.sent} | ${r.acked} | ${r.stored} | ${r.seen} | ${r.lost} | ${r.doubled} | ${r.neverSeen} | ${r.outOfOrder} | ${sec(r.longestAckMs)} | ${sec(r.recoveryMs)} | ${r.refusals} |`;
}

export const TABLE_HEADER = [
  '| fault | sent | acked | stored | seen by the other side | lost | doubled | never seen | out of order | longest wait for an ack | recovery | refusals retried |',
  '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --- |',
];

export function record(r: Row): void {
  const dir = join(root, '.tmp');
  mkdirSync(dir, { recursive: true });
  const line = tableLine(r);
  appendFileSync(join(dir, 'faults-table.md'), `${line}\n`);
  process.stdout.write(`\n${TABLE_HEADER.join('\n')}\n${line}\n`);
}

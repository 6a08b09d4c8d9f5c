import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomIds } from '../../server/lib/ids.ts';
import { openDatabase } from '../../server/storage/connect.ts';
import { createKyselyStore } from '../../server/storage/kysely-store.ts';

describe('message sequence and idempotency, for any interleaving of sends and retries', () => {
  it('stores each client id once, with a gap-free sequence in first-stored order', async () => {
    await fc.assert(
      fc.asyncProperty(
        // A batch of concurrent waves; each send names one of a few client ids, so retries and races abound.
        fc.array(fc.array(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 8 }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (waves) => {
          const db = await openDatabase({ kind: 'sqlite', file: ':memory:' });
          try {
            const store = createKyselyStore(db.db);
            const now = new Date().toISOString();
            await store.visitors.create({
              id: 'v',
              tokenHash: 't',
              name: null,
              email: null,
              verified: false,
              context: {},
              createdAt: now,
              lastSeenAt: now,
            });
            await store.conversations.create({
              id: 'c',
              visitorId: 'v',
              status: 'waiting',
              agentId: null,
              lastSeq: 0,
              preview: '',
              trail: [],
              visitorReadSeq: 0,
              agentReadSeq: 0,
              rating: null,
              ratingComment: null,
              waitingSince: now,
              lastMessageAt: now,
              closedAt: null,
              createdAt: now,
              updatedAt: now,
            });
            const acks = new Map<string, string>();
            for (const wave of waves) {
              const results = await Promise.all(
                wave.map((k) =>
                  store.messages.append({
                    id: randomIds.id(),
                    conversationId: 'c',
                    clientId: `client-${k}`,
                    author: 'visitor',
                    authorId: 'v',
                    authorName: null,
                    text: `t${k}`,
                    createdAt: now,
                  }),
                ),
              );
              for (const r of results) {
                const first = acks.get(r.message.clientId ?? '');
                // Every ack for one client id names the same stored message.
                if (first) expect(r.message.id).toBe(first);
                else acks.set(r.message.clientId ?? '', r.message.id);
              }
            }
            const stored = await store.messages.since('c', 0);
            expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
            expect(new Set(stored.map((m) => m.clientId)).size).toBe(stored.length);
            expect(stored.length).toBe(acks.size);
            expect((await store.conversations.byId('c'))?.lastSeq).toBe(stored.length);
          } finally {
            await db.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

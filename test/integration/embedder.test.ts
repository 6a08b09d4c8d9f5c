import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridSearch } from '../../server/domain/knowledge-base/embedder/hybrid-search.ts';
import { OpenAiEmbedder } from '../../server/domain/knowledge-base/embedder/openai-embedder.ts';
import { loadKnowledgeBase } from '../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from '../../server/domain/knowledge-base/types.ts';
import { createLogger } from '../../server/lib/logger.ts';
import { type DatabaseHandle, openDatabase } from '../../server/storage/connect.ts';
import { createLearningStore } from '../../server/storage/learning-store.ts';

/**
 * No model can be downloaded here, so this local server stands in for Ollama or llama.cpp: it serves
 * the OpenAI `/v1/embeddings` API with DETERMINISTIC embeddings (hashed bags of words, 128 dimensions),
 * plus one piece of "meaning" a real model would have: it knows the Dutch "terugbetaling" means
 * "refund" (a word no article and no synonym list has). Everything else (HTTP, batching, caching by content hash, fusion) is the real path.
 */
const MEANING: Record<string, string> = { terugbetaling: 'refund' };
function embed(text: string): number[] {
  const v = new Array<number>(128).fill(0);
  for (const raw of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    const word = MEANING[raw] ?? raw.replace(/s$/, '');
    let h = 2166136261;
    for (const c of word) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    const i = (h >>> 0) % 128;
    v[i] = (v[i] ?? 0) + 1;
  }
  return v;
}

describe('semantic retrieval through an OpenAI-compatible embedder', () => {
  let kb: KnowledgeBase;
  let database: DatabaseHandle;
  let server: Server;
  let url: string;
  let up = true;
  const requests: number[] = [];
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => logs.push(line) });

  beforeAll(async () => {
    kb = await loadKnowledgeBase({ dir: join(import.meta.dirname, '../../knowledge-base'), logger });
    database = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        if (!up || req.url !== '/v1/embeddings') {
          res.writeHead(503).end();
          return;
        }
        const { input } = JSON.parse(body) as { input: string[] };
        requests.push(input.length);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: input.map((t, index) => ({ index, embedding: embed(t) })) }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await database.close();
    await kb.close();
  });

  const hybrid = () =>
    new HybridSearch({
      kb,
      embedder: new OpenAiEmbedder({ url, model: 'test-hash-128', timeoutMs: 2000 }),
      cache: createLearningStore(database.db),
      logger,
    });

  it('embeds every section once, caches the vectors by content hash, and reuses them after a restart', async () => {
    const first = hybrid();
    await first.index();
    expect(first.ready).toBe(true);
    const sectionsEmbedded = requests.reduce((a, b) => a + b, 0);
    expect(sectionsEmbedded).toBeGreaterThan(24);
    requests.length = 0;
    const second = hybrid(); // a restart: same database, new process state
    await second.index();
    expect(requests).toEqual([]);
  });

  it('fuses the embedder with BM25: an article only the model relates to the query is offered', async () => {
    const search = hybrid();
    await search.index();
    expect(kb.search('terugbetaling', 5)).toEqual([]);
    const fused = await search.search('terugbetaling', 5);
    expect(fused.length).toBeGreaterThan(0);
    expect(kb.article(fused[0]?.slug ?? '')?.html.toLowerCase()).toContain('refund');
    expect(fused.every((h) => h.related)).toBe(true); // found by meaning only: shown below the "Related" line
    // Lexical answers keep their place before anything only the model found.
    const mixed = await search.search('refund status', 5);
    expect(mixed[0]?.related).not.toBe(true);
    const firstRelated = mixed.findIndex((h) => h.related);
    if (firstRelated >= 0) expect(mixed.slice(firstRelated).every((h) => h.related)).toBe(true);
  });

  it('falls back to lexical search with a log line when the embedder fails, never an error', async () => {
    const search = hybrid();
    await search.index();
    up = false;
    try {
      const hits = await search.search('reset password', 5);
      expect(hits.map((h) => h.slug)).toEqual(kb.search('reset password', 5).map((h) => h.slug));
      expect(logs.some((l) => l.includes('search is lexical only'))).toBe(true);
    } finally {
      up = true;
    }
  });
});

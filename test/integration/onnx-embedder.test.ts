import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { composeServices } from '../../server/compose.ts';
import { embedderSettingsFromEnv } from '../../server/domain/knowledge-base/embedder/embedder.ts';
import { HybridSearch } from '../../server/domain/knowledge-base/embedder/hybrid-search.ts';
import { OnnxEmbedder } from '../../server/domain/knowledge-base/embedder/onnx-embedder.ts';
import { loadKnowledgeBase } from '../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from '../../server/domain/knowledge-base/types.ts';
import { createLogger } from '../../server/lib/logger.ts';
import { type DatabaseHandle, openDatabase } from '../../server/storage/connect.ts';
import { createLearningStore } from '../../server/storage/learning-store.ts';
import { writeTinyOnnxModel } from '../support/tiny-onnx-model.ts';

/**
 * The local ONNX back-end, run for real: transformers.js loads a model folder from disk and ONNX Runtime
 * executes it. No model can be downloaded here, so the test writes a tiny one (test/support/tiny-onnx-model.ts):
 * a word-vector lookup over the shipped knowledge base's words, mean-pooled, which knows one thing BM25
 * cannot: the Dutch "terugbetaling" means "refund" (a word no article and no synonym list has).
 */
const KB_DIR = resolve(import.meta.dirname, '../../knowledge-base');
const MEANING = { terugbetaling: 'refund' };

describe('semantic retrieval through a local ONNX model (transformers.js)', () => {
  let kb: KnowledgeBase;
  let database: DatabaseHandle;
  let modelDir: string;
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => logs.push(line) });

  beforeAll(async () => {
    kb = await loadKnowledgeBase({ dir: KB_DIR, logger });
    database = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    const words = new Set<string>();
    for (const d of kb.documents?.() ?? [])
      for (const text of [d.title, ...d.sections.flatMap((s) => [s.heading ?? '', s.text])])
        for (const w of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) words.add(w);
    modelDir = join(mkdtempSync(join(tmpdir(), 'parley-onnx-')), 'tiny-embedder');
    writeTinyOnnxModel(modelDir, { words, meaning: MEANING });
  });
  afterAll(async () => {
    await database.close();
    await kb.close();
    rmSync(resolve(modelDir, '..'), { recursive: true, force: true });
  });

  it('runs the model folder: one normalised vector per text, the same meaning giving the same vector', async () => {
    const embedder = new OnnxEmbedder({ dir: modelDir });
    expect(embedder.id).toBe('onnx:tiny-embedder:fp32:mean');
    const [refund, terugbetaling, password] = await embedder.embed([
      'refund',
      'Terugbetaling',
      'reset password',
    ]);
    const dot = (a: number[] = [], b: number[] = []) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
    expect(refund).toHaveLength(64);
    expect(dot(refund, refund)).toBeCloseTo(1, 5);
    expect(dot(refund, terugbetaling)).toBeCloseTo(1, 5);
    expect(dot(refund, password)).toBeCloseTo(0, 5);
    // More texts than one batch come back in order.
    const many = await embedder.embed(Array.from({ length: 40 }, (_, i) => (i % 2 ? 'refund' : 'password')));
    expect(many).toHaveLength(40);
    expect(dot(many[1], refund)).toBeCloseTo(1, 5);
    expect(dot(many[0], password)).toBeGreaterThan(0.5);
  });

  it('fuses it with BM25 and caches section vectors by content hash across restarts', async () => {
    const calls: number[] = [];
    const onnx = new OnnxEmbedder({ dir: modelDir });
    const counted = {
      id: onnx.id,
      embed: (t: string[]) => {
        calls.push(t.length);
        return onnx.embed(t);
      },
    };
    const first = new HybridSearch({
      kb,
      embedder: counted,
      cache: createLearningStore(database.db),
      logger,
    });
    await first.index();
    expect(first.ready).toBe(true);
    expect(calls.reduce((a, b) => a + b, 0)).toBeGreaterThan(24);
    calls.length = 0;
    const second = new HybridSearch({
      kb,
      embedder: counted,
      cache: createLearningStore(database.db),
      logger,
    });
    await second.index();
    expect(calls).toEqual([]);

    expect(kb.search('terugbetaling', 5)).toEqual([]);
    const fused = await second.search('terugbetaling', 5);
    expect(fused.length).toBeGreaterThan(0);
    expect(kb.article(fused[0]?.slug ?? '')?.html.toLowerCase()).toContain('refund');
    expect(fused.every((h) => h.related)).toBe(true);
  });

  it('PARLEY_EMBEDDER_ONNX_DIR turns it on for the server: the search API finds by meaning', async () => {
    const settings = embedderSettingsFromEnv({ PARLEY_EMBEDDER_ONNX_DIR: modelDir });
    expect(settings).toEqual({ kind: 'onnx', dir: modelDir });
    const server = await startServer(settings);
    try {
      await expect
        .poll(async () => (await server.search('terugbetaling')).map((h) => h.related), { timeout: 20_000 })
        .toContain(true);
      const hits = await server.search('terugbetaling');
      expect(kb.article(hits[0]?.slug ?? '')?.html.toLowerCase()).toContain('refund');
    } finally {
      await server.close();
    }
  });

  it('a missing model folder leaves search lexical with a log line, never an error to the visitor', async () => {
    logs.length = 0;
    const server = await startServer({ kind: 'onnx', dir: join(modelDir, '..', 'no-such-model') });
    try {
      const lexical = kb.search('reset password', 5).map((h) => h.slug);
      expect((await server.search('reset password')).map((h) => h.slug)).toEqual(lexical);
      await expect.poll(() => logs.join('\n'), { timeout: 10_000 }).toContain('search is lexical only');
      expect(logs.join('\n')).toContain('no ONNX model in');
      expect((await server.search('reset password')).map((h) => h.slug)).toEqual(lexical);
    } finally {
      await server.close();
    }
  });

  it('without transformers.js installed it says so, and search stays lexical', async () => {
    logs.length = 0;
    const embedder = new OnnxEmbedder({
      dir: modelDir,
      load: () => Promise.reject(new Error("Cannot find package '@huggingface/transformers'")),
    });
    await expect(embedder.embed(['refund'])).rejects.toThrow(/transformers\.js is not installed/);
    const fresh = await openDatabase({ kind: 'sqlite', file: ':memory:' }); // no vectors cached yet
    try {
      const search = new HybridSearch({ kb, embedder, cache: createLearningStore(fresh.db), logger });
      await search.index();
      expect(search.ready).toBe(false);
      const lexical = kb.search('refund', 5).map((h) => h.slug);
      expect((await search.search('refund', 5)).map((h) => h.slug)).toEqual(lexical);
      expect(logs.join('\n')).toContain('transformers.js is not installed');
    } finally {
      await fresh.close();
    }
  });

  async function startServer(embedder: Parameters<typeof composeServices>[0]['embedder']) {
    const composed = await composeServices({
      database: { kind: 'sqlite', file: ':memory:' },
      kbDir: KB_DIR,
      logger,
      embedder,
    });
    const app = createApp({
      services: composed.services,
      logger,
      assetsDir: resolve(import.meta.dirname, '../../dist/public'),
      allowedOrigins: [],
    });
    await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
    return {
      async search(q: string): Promise<Array<{ slug: string; related?: boolean }>> {
        const res = await fetch(`${url}/api/kb/search?q=${encodeURIComponent(q)}&limit=5`);
        expect(res.status).toBe(200);
        return ((await res.json()) as { results: Array<{ slug: string; related?: boolean }> }).results;
      },
      async close() {
        await new Promise((r) => app.http.close(r));
        await composed.close();
      },
    };
  }
});

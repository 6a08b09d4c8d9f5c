import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tokenize } from '../../../server/domain/knowledge-base/text.ts';

const ZULIP = resolve(import.meta.dirname, '..', '..', 'fixtures', 'zulip-help');

/** Deterministic PRNG (mulberry32), so every run measures the same corpus and queries. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derives `count` articles from the Zulip ones (test/fixtures/zulip-help): shuffled sections, renamed titles. */
export async function writeScaledCorpus(dir: string, count: number): Promise<void> {
  const files = (await readdir(ZULIP)).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  const texts = await Promise.all(files.map((f) => readFile(join(ZULIP, f), 'utf8')));
  const random = rng(42);
  const words = tokenize(texts.join(' ')).filter((w) => w.length > 3);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
  for (let i = 0; i < count; i++) {
    const text = texts[i % texts.length] as string;
    const [, front = '', body = text] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
    const parts = body.split(/\n(?=#{2,3} )/);
    const lead = parts.shift() ?? '';
    parts.sort(() => random() - 0.5);
    const title = `${pick(words)} ${pick(words)} ${/title: "?([^"\n]*)"?/.exec(front)?.[1] ?? 'Article'}`;
    const md = `---\ntitle: ${JSON.stringify(title)}\ntags: [${pick(words)}, ${pick(words)}]\n---\n${lead}\n${parts.join('\n')}\n`;
    await writeFile(join(dir, `a-${String(i).padStart(5, '0')}.md`), md);
  }
}

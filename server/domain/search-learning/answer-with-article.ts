import { readFile, rename, writeFile } from 'node:fs/promises';
import { isSeq, parseDocument } from 'yaml';
import { queryKey } from '../knowledge-base/query-key.ts';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * "Answer with an article": adds `query` to the `questions:` list of the article's front matter, so
 * the answer is the article's own knowledge, in the editors' diff, and survives restarts. The rest
 * of the front matter (comments, order, style) is kept. Returns false when a question with the
 * same content words is already there.
 */
export async function answerWithArticle(file: string, query: string): Promise<boolean> {
  const source = await readFile(file, 'utf8');
  const next = addQuestion(source, query);
  if (next === source) return false;
  // Write beside and rename: the watcher (and a reader) never sees half a file.
  const temp = `${file}.parley-${process.pid}.tmp`;
  await writeFile(temp, next);
  await rename(temp, file);
  return true;
}

/** The Markdown source with `query` among its front matter's `questions:` (unchanged when already there). */
export function addQuestion(source: string, query: string): string {
  const text = query.trim().replace(/\s+/g, ' ');
  const match = FRONT_MATTER.exec(source);
  if (!match) return `---\nquestions:\n  - ${JSON.stringify(text)}\n---\n${source}`;
  const doc = parseDocument(match[1] as string);
  if (doc.errors.length > 0) throw new Error(`front matter does not parse: ${doc.errors[0]?.message}`);
  const existing = doc.get('questions');
  const key = queryKey(text);
  if (isSeq(existing)) {
    if (existing.items.some((item) => queryKey(String((item as { value?: unknown }).value ?? item)) === key))
      return source;
    existing.add(doc.createNode(text));
  } else {
    doc.set('questions', doc.createNode([text]));
  }
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '');
  return `---\n${yaml}\n---\n${source.slice(match[0].length)}`;
}

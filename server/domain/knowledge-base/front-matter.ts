import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

/** Front matter fields an article may carry; anything mistyped is dropped with a problem. */
export interface FrontMatter {
  title?: string;
  description?: string;
  tags?: string[];
  keywords?: string[];
  /** Visitors' questions this article answers (editors add them from Content gaps: "Answer with an article"). */
  questions?: string[];
  category?: string;
  order?: number;
  draft?: boolean;
  updated?: string;
  pages?: string[];
  /** In a language folder (`es/...`): the slug of the article this file translates, when its path differs. */
  translationOf?: string;
  /** Former slugs of this article: their URLs answer with a permanent redirect to the current one (aliases.ts). */
  aliases?: string[];
}

export interface FrontMatterResult {
  data: FrontMatter;
  body: string;
  /** Number of file lines before the body starts (to map body lines back to file lines). */
  bodyLineOffset: number;
  /** Fatal: the YAML itself does not parse. */
  error?: { line: number; message: string };
  /** Non-fatal: a field with the wrong type, ignored. */
  warnings: Array<{ line: number; message: string }>;
  /** The file line of each field read, so later checks (an alias's collision) can point at it. */
  lines?: Partial<Record<keyof FrontMatter, number>>;
  /** For a field written as a list: the file line of each item. */
  itemLines?: Partial<Record<keyof FrontMatter, number[]>>;
}

const stringList = z
  .union([z.array(z.union([z.string(), z.number()])), z.string()])
  .transform((v) =>
    (Array.isArray(v) ? v.map(String) : v.split(',')).map((s) => s.trim()).filter((s) => s.length > 0),
  );

const FIELDS = {
  title: z.string().trim().min(1),
  description: z.string(),
  tags: stringList,
  keywords: stringList,
  questions: stringList,
  category: z.string().trim().min(1),
  order: z.number().finite(),
  draft: z.boolean(),
  updated: z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString() : v)),
  pages: stringList,
  translationOf: z
    .string()
    .trim()
    .min(1)
    .transform((v) => v.replace(/^\/+|\.md$/gi, '')),
  aliases: stringList,
} as const;

type FieldName = keyof typeof FIELDS;

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

export function parseFrontMatter(source: string): FrontMatterResult {
  const open = OPENING.exec(source);
  if (!open) return { data: {}, body: source, bodyLineOffset: 0, warnings: [] };
  const rest = source.slice(open[0].length);
  const close = CLOSING.exec(rest);
  if (!close) {
    return {
      data: {},
      body: source,
      bodyLineOffset: 0,
      warnings: [],
      error: { line: 1, message: 'front matter is not closed with ---' },
    };
  }
  const yamlText = rest.slice(0, close.index);
  const afterClose = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '');
  const bodyLineOffset = countLines(source.slice(0, source.length - afterClose.length));
  const result: FrontMatterResult = { data: {}, body: afterClose, bodyLineOffset, warnings: [] };

  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    // The opening `---` is file line 1, so YAML line n is file line n + 1.
    const line = 1 + (first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line);
    result.error = { line, message: `invalid YAML front matter: ${first.message.split('\n')[0]}` };
    return result;
  }
  if (doc.contents === null) return result;
  if (!isMap(doc.contents)) {
    result.error = { line: 2, message: 'front matter must be a mapping of fields' };
    return result;
  }
  const raw = doc.toJS() as Record<string, unknown>;
  for (const pair of doc.contents.items) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
    const range = (pair.key as { range?: [number, number, number] } | null)?.range;
    const line = 1 + (range ? lineCounter.linePos(range[0]).line : 1);
    if (!(key in FIELDS)) continue;
    result.lines = { ...result.lines, [key]: line };
    if (isSeq(pair.value)) {
      const at = pair.value.items.map((item) => {
        const r = (item as { range?: [number, number, number] } | null)?.range;
        return r ? 1 + lineCounter.linePos(r[0]).line : line;
      });
      result.itemLines = { ...result.itemLines, [key]: at };
    }
    const parsed = FIELDS[key as FieldName].safeParse(raw[key]);
    if (parsed.success) (result.data as Record<string, unknown>)[key] = parsed.data;
    else
      result.warnings.push({
        line,
        message: `front matter field "${key}" has the wrong type (${expectedType(key as FieldName)})`,
      });
  }
  return result;
}

function expectedType(key: FieldName): string {
  if (key === 'order') return 'expected a number';
  if (key === 'draft') return 'expected true or false';
  if (key === 'tags' || key === 'keywords' || key === 'questions' || key === 'pages' || key === 'aliases')
    return 'expected a list of strings';
  if (key === 'translationOf') return 'expected the slug of the original article';
  return 'expected a string';
}

function countLines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

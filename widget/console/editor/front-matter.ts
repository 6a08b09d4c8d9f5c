/**
 * The front matter fields the editor shows as a form, read from and written back into the article's text.
 * The text stays the source of truth: fields the form does not know (tags, order, questions...) are kept
 * as they were, and the server's own parser checks the result on every preview and save.
 */
export interface Fields {
  title: string;
  description: string;
  category: string;
  keywords: string[];
  pages: string[];
  draft: boolean;
}

export const FIELD_NAMES = ['title', 'description', 'category', 'keywords', 'pages', 'draft'] as const;
type FieldName = (typeof FIELD_NAMES)[number];

export interface Split {
  fields: Fields;
  /** Front matter lines of other fields, kept in their order. */
  other: string[];
  body: string;
}

const EMPTY: Fields = { title: '', description: '', category: '', keywords: [], pages: [], draft: false };

export function splitArticle(text: string): Split {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { fields: { ...EMPTY }, other: [], body: text };
  const fields: Fields = { ...EMPTY, keywords: [], pages: [] };
  const other: string[] = [];
  const lines = (match[1] ?? '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const key = /^([A-Za-z_][\w-]*):[ \t]*(.*)$/.exec(line);
    const name = key?.[1] as FieldName | undefined;
    if (!key || !name || !(FIELD_NAMES as readonly string[]).includes(name)) {
      other.push(line);
      continue;
    }
    // A block list ("keywords:" then "  - a" lines).
    const items: string[] = [];
    while (/^\s+-\s/.test(lines[i + 1] ?? '')) items.push(scalar((lines[++i] ?? '').replace(/^\s+-\s+/, '')));
    const raw = key[2] ?? '';
    if (name === 'keywords' || name === 'pages') fields[name] = items.length > 0 ? items : list(raw);
    else if (name === 'draft') fields.draft = raw.trim() === 'true';
    else fields[name] = scalar(raw);
  }
  return { fields, other, body: text.slice(match[0].length) };
}

export function joinArticle({ fields, other, body }: Split): string {
  const lines = [`title: ${quote(fields.title)}`];
  if (fields.description.trim()) lines.push(`description: ${quote(fields.description)}`);
  if (fields.category.trim()) lines.push(`category: ${quote(fields.category)}`);
  if (fields.keywords.length > 0) lines.push(`keywords: [${fields.keywords.map(quote).join(', ')}]`);
  if (fields.pages.length > 0) lines.push(`pages: [${fields.pages.map(quote).join(', ')}]`);
  if (fields.draft) lines.push('draft: true');
  return `---\n${[...lines, ...other.filter((l) => l.trim() !== '')].join('\n')}\n---\n${body}`;
}

/** A YAML scalar, as plain as is safe: JSON's double-quoted strings are valid YAML. */
function quote(value: string): string {
  const plain =
    /^[A-Za-z0-9](?:[\w .'/()?-]*[\w.'/()?-])?$/.test(value) &&
    !/: |\s#|^(true|false|null|yes|no|on|off)$/i.test(value);
  return plain && !/^\d/.test(value) ? value : JSON.stringify(value);
}

function scalar(raw: string): string {
  const v = raw.trim();
  if (v.startsWith('"')) {
    try {
      return String(JSON.parse(v));
    } catch {
      return v.slice(1, -1);
    }
  }
  if (v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  return v.replace(/\s+#.*$/, '');
}

function list(raw: string): string[] {
  const v = raw.trim();
  const inner = v.startsWith('[') && v.endsWith(']') ? v.slice(1, -1) : v;
  return (inner.match(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,]+/g) ?? [])
    .map(scalar)
    .filter((s) => s.length > 0);
}

/** "a, b ,c" from a text field -> ["a", "b", "c"]. */
export const parseList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

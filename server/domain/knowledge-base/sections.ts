import type { Token } from 'markdown-it';

/** A searchable, deep-linkable slice of an article: its lead, or one h1-h3 heading and what follows. */
export interface Section {
  /** Heading id, '' for the lead (the text before the first heading). */
  id: string;
  heading: string | null;
  level: number;
  /** Plain text of the section body (no markup). */
  text: string;
  /** 1-based line in the source file. */
  line: number;
}

const SPLIT_LEVELS = new Set(['h1', 'h2', 'h3']);

/** Plain text of an inline token: text, code spans and image alt text, without markup. */
export function inlineText(token: Token): string {
  if (!token.children) return token.content;
  let out = '';
  for (const child of token.children) {
    if (child.type === 'text' || child.type === 'code_inline') out += child.content;
    else if (child.type === 'image') out += inlineText(child);
    else if (child.type === 'softbreak' || child.type === 'hardbreak') out += ' ';
  }
  return out;
}

/** Splits a (transformed) token stream into sections; heading ids must already be set. */
export function splitSections(tokens: Token[], lineOffset: number): Section[] {
  const sections: Section[] = [];
  let current: Section = { id: '', heading: null, level: 0, text: '', line: lineOffset + 1 };
  const parts: string[] = [];
  const flush = () => {
    current.text = parts.join(' ').replace(/\s+/g, ' ').trim();
    parts.length = 0;
    if (current.heading !== null || current.text.length > 0) sections.push(current);
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    if (token.type === 'heading_open' && SPLIT_LEVELS.has(token.tag)) {
      flush();
      const inline = tokens[i + 1];
      current = {
        id: String(token.attrGet('id') ?? ''),
        heading: inline ? inlineText(inline).trim() : '',
        level: Number(token.tag.slice(1)),
        text: '',
        line: lineOffset + (token.map?.[0] ?? 0) + 1,
      };
      i += 2;
      continue;
    }
    if (token.type === 'inline') parts.push(inlineText(token));
    else if (token.type === 'fence' || token.type === 'code_block') parts.push(token.content);
  }
  flush();
  return sections;
}

import { normalizeAlias } from '../knowledge-base/aliases.ts';
import { parseFrontMatter } from '../knowledge-base/front-matter.ts';

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;
const ALIASES_KEY = /^aliases[ \t]*:/;

/**
 * The article's text after a move from `from` to `to`: `from` joins its front matter's `aliases:` (so its old
 * URLs keep working and the change shows in the diff), the aliases it had are kept, and `to` leaves the list
 * (moving back onto a former slug). Only the `aliases:` lines change; the rest of the file is left as written.
 */
export function withMoveAliases(text: string, from: string, to: string): string {
  const fm = parseFrontMatter(text);
  const kept = (fm.data.aliases ?? []).filter((a) => normalizeAlias(a) !== to);
  const list = kept.some((a) => normalizeAlias(a) === from) ? kept : [...kept, from];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const block = list.length > 0 ? `aliases:${eol}${list.map((a) => `  - ${quoted(a)}${eol}`).join('')}` : '';
  const open = OPENING.exec(text);
  if (!open || fm.error) return open ? text : `---${eol}${block}---${eol}${text}`;
  const rest = text.slice(open[0].length);
  const close = CLOSING.exec(rest);
  if (!close) return text;
  const lines = rest.slice(0, close.index).split(/(?<=\n)/);
  const at = lines.findIndex((l) => ALIASES_KEY.test(l));
  if (at === -1) lines.push(block);
  else {
    // The entry is its key line and the lines under it: indented, or `- item` at the key's own indentation.
    let end = at + 1;
    while (end < lines.length && /^(?:[ \t]+\S|-[ \t]|-\r?$)/.test(lines[end] ?? '')) end++;
    lines.splice(at, end - at, block);
  }
  return `${open[0]}${lines.join('')}${rest.slice(close.index)}`;
}

/** A slug needs no quotes; anything else is written as a double-quoted YAML string. */
function quoted(alias: string): string {
  return /^[a-z0-9][a-z0-9/-]*$/.test(alias) ? alias : JSON.stringify(alias);
}

import type { Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import { isExternalUrl, isImagePath, isSafeUrl, resolveInsideRoot, safeDecode } from './link-policy.ts';
import { splitLocaleSlug } from './locales.ts';
import { inlineText, type Section, splitSections } from './sections.ts';
import { createIdAllocator, slugFromPath } from './slug.ts';

/** A link from one article to another, kept for validation (broken links and anchors). */
export interface ArticleLink {
  slug: string;
  anchor: string | null;
  line: number;
}

export interface ImageRef {
  /** Path relative to the knowledge-base root, or undefined when it pointed outside / was not an image. */
  path: string | undefined;
  src: string;
  line: number;
}

export interface RenderedArticle {
  html: string;
  sections: Section[];
  /** Text of a leading `# heading`, which is removed from the body (the widget shows the title itself). */
  h1: string | null;
  links: ArticleLink[];
  /** `#anchor` links within the same article. */
  localAnchors: Array<{ anchor: string; line: number }>;
  images: ImageRef[];
  headingIds: Set<string>;
}

export const ASSET_URL_PREFIX = '/api/kb/assets/';
export const ARTICLE_URL_PREFIX = '/kb/';

// One instance: raw HTML is escaped (html: false), and only safe link schemes survive.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.validateLink = isSafeUrl;

/** Renders article Markdown to safe HTML, with heading ids, rewritten inter-article links and asset URLs. */
export function renderMarkdown(body: string, relPath: string, lineOffset: number): RenderedArticle {
  const tokens = md.parse(body, {});
  const result: RenderedArticle = {
    html: '',
    sections: [],
    h1: null,
    links: [],
    localAnchors: [],
    images: [],
    headingIds: new Set(),
  };
  const first = tokens[0];
  if (first?.type === 'heading_open' && first.tag === 'h1') {
    result.h1 = inlineText(tokens[1] as Token).trim();
    tokens.splice(0, 3);
  }
  const nextId = createIdAllocator();
  let line = lineOffset + 1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.map) line = lineOffset + token.map[0] + 1;
    if (token.type === 'heading_open') {
      const id = nextId(inlineText(tokens[i + 1] as Token));
      token.attrSet('id', id);
      result.headingIds.add(id);
    }
    if (token.type === 'inline' && token.children) {
      token.children = rewriteInline(token.children, relPath, line, result);
    }
  }
  result.sections = splitSections(tokens, lineOffset);
  result.html = md.renderer.render(tokens, md.options, {});
  return result;
}

function rewriteInline(children: Token[], relPath: string, startLine: number, out: RenderedArticle): Token[] {
  const kept: Token[] = [];
  let line = startLine;
  for (const child of children) {
    if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
    if (child.type === 'link_open') rewriteLink(child, relPath, line, out);
    if (child.type === 'image') {
      const replacement = rewriteImage(child, relPath, line, out);
      if (replacement) kept.push(replacement);
      continue;
    }
    kept.push(child);
  }
  return kept;
}

function rewriteLink(token: Token, relPath: string, line: number, out: RenderedArticle): void {
  const href = String(token.attrGet('href') ?? '');
  if (href.startsWith('#')) {
    out.localAnchors.push({ anchor: safeDecode(href.slice(1)) ?? href.slice(1), line });
    return;
  }
  if (isExternalUrl(href)) {
    token.attrSet('rel', 'noopener noreferrer');
    token.attrSet('target', '_blank');
    return;
  }
  if (/^mailto:/i.test(href)) return;
  const [pathPart = '', hash] = href.split('#', 2);
  const path = safeDecode(pathPart.split('?')[0] ?? '');
  if (path === undefined || !/\.md$/i.test(path)) return;
  const target = resolveInsideRoot(relPath, path);
  if (target === undefined) {
    token.attrSet('href', '#');
    return;
  }
  const slug = slugFromPath(target);
  const anchor = hash ? (safeDecode(hash) ?? hash) : null;
  out.links.push({ slug, anchor, line });
  token.attrSet('href', `${ARTICLE_URL_PREFIX}${slug}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`);
  // The widget opens a link in the visitor's language: from a translation (`es/...`), the shared slug.
  token.attrSet('data-kb-slug', splitLocaleSlug(slug).slug);
}

function rewriteImage(token: Token, relPath: string, line: number, out: RenderedArticle): Token | undefined {
  const src = String(token.attrGet('src') ?? '');
  if (/^https:/i.test(src)) return token;
  const decoded = safeDecode(src.split(/[?#]/)[0] ?? '');
  const target =
    decoded === undefined || /^[a-z][a-z0-9+.-]*:/i.test(decoded)
      ? undefined
      : resolveInsideRoot(relPath, decoded);
  const allowed = target !== undefined && isImagePath(target);
  out.images.push({ path: allowed ? target : undefined, src, line });
  if (!allowed) {
    // Not an image we are willing to serve: keep the alt text so the sentence still reads.
    const text = new (token.constructor as new (type: string, tag: string, nesting: number) => Token)(
      'text',
      '',
      0,
    );
    text.content = inlineText(token);
    return text;
  }
  token.attrSet('src', ASSET_URL_PREFIX + target.split('/').map(encodeURIComponent).join('/'));
  token.attrSet('loading', 'lazy');
  return token;
}

/** Public shapes of the knowledge base, as the HTTP API and the widget see them. */

export interface SearchHit {
  slug: string;
  title: string;
  /** Heading of the best-matching section, null when the best match is the article's lead. */
  heading: string | null;
  /** Plain text (never HTML); `highlights` marks the matched words as [start, end) offsets into it. */
  snippet: string;
  highlights: Array<[number, number]>;
  /** Deep link: `/kb/<slug>` or `/kb/<slug>#<section-id>`. */
  url: string;
  score: number;
  category: string;
  /**
   * Absent or false for an answer; true for a weaker but real match (a passing mention, a loose relation),
   * listed after the answers, which the widget shows below a "Related" line.
   */
  related?: boolean;
  /** The language the hit's text is in, when a language was asked for (`/api/kb/search?locale=`). */
  locale?: string;
}

export interface SearchResponse {
  query: string;
  results: SearchHit[];
}

export interface SectionSummary {
  id: string;
  heading: string;
  level: number;
}

export interface ArticleSummary {
  slug: string;
  title: string;
  description: string;
  category: string;
  url: string;
  /** The language of the title and description (set when a language was asked for). */
  locale?: string;
}

export interface ArticleView {
  slug: string;
  title: string;
  description: string;
  category: string;
  tags: string[];
  html: string;
  sections: SectionSummary[];
  updatedAt: string;
  related: ArticleSummary[];
  /** The language the article is in: the one asked for, or the default one when it has no translation yet. */
  locale?: string;
  /** Every language the article can be read in, the default one first. */
  locales?: string[];
}

export interface CategoryView {
  slug: string;
  title: string;
  description: string;
  order: number;
  articles: ArticleSummary[];
}

/** A loaded, searchable knowledge base. Reads are synchronous against an index that is swapped whole on change. */
export interface KnowledgeBase {
  /**
   * With a `locale` other than the default: that language's articles, falling back to the default language's
   * when they have no answer (see locales.ts).
   */
  search(query: string, limit: number, locale?: string): SearchHit[];
  /** With a `locale`: its translation, else the original (its `locale` says which). */
  article(slug: string, locale?: string): ArticleView | undefined;
  categories(locale?: string): CategoryView[];
  /**
   * The current slug of a published article that `slug` is a former slug (front matter `aliases:`) of, in
   * `locale` when given; undefined when `slug` is no alias (or is an article's own slug).
   */
  currentSlug?(slug: string, locale?: string): string | undefined;
  /** Articles whose `pages` patterns match the visitor's URL; when none match, the most popular. */
  suggestions(url: string | undefined, limit: number, locale?: string): ArticleSummary[];
  /** The languages articles are published in: the default one first, then those with translations. */
  locales?(): string[];
  /** Absolute path of a knowledge-base asset (image) inside KB_DIR, or undefined when not allowed. */
  assetPath(relative: string): string | undefined;
  /** Counts an article view, so suggestions can fall back to the most-read articles. */
  recordView?(slug: string): void;
  /** Problems in the files now, and articles served from their last good version (for editors). */
  health?(): KnowledgeBaseHealth;
  /** Absolute path of an article's Markdown file ("Answer with an article" writes to it). */
  sourcePath?(slug: string): string | undefined;
  /** Every published article's sections as plain text (what an embedder indexes). */
  documents?(): Array<{
    slug: string;
    title: string;
    sections: Array<{ id: string; heading: string | null; text: string }>;
  }>;
  /** Rebuilds the index from the files now. */
  reload?(): Promise<void>;
  /** The knowledge-base folder (real path), for the in-browser editor. */
  readonly root?: string;
  /** Changes whenever the index is swapped; used for ETags. */
  readonly version: string;
  close(): Promise<void>;
}

/** What editors need to know about the files behind the published articles. */
export interface KnowledgeBaseHealth {
  articles: number;
  problems: Array<{ file: string; line: number; severity: 'error' | 'warning'; message: string }>;
  /** Articles whose current file fails to parse: visitors still see the version read at `since`. */
  stale: Array<{ file: string; slug: string; title: string; since: string }>;
}

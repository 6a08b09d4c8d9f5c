import { realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { resolveAlias } from './aliases.ts';
import { isImagePath } from './link-policy.ts';
import { DEFAULT_LOCALE } from './locales.ts';
import { askedLocale, inLocale, localesOf, searchInLocale, summaryOf } from './localize.ts';
import { matchesPages, urlPath } from './page-match.ts';
import type { ParsedArticle } from './parse-article.ts';
import type { Snapshot } from './snapshot.ts';
import type {
  ArticleSummary,
  ArticleView,
  CategoryView,
  KnowledgeBase,
  KnowledgeBaseHealth,
  SearchHit,
} from './types.ts';

const MAX_LIMIT = 50;
const RELATED_COUNT = 4;

/** Read side of the knowledge base: every call reads the current snapshot, which is swapped whole. */
export class SnapshotKnowledgeBase implements KnowledgeBase {
  private readonly views = new Map<string, number>();
  private readonly realRoot: string;

  constructor(
    root: string,
    private readonly current: () => Snapshot,
    private readonly onClose: () => Promise<void> = async () => {},
    private readonly rebuild: () => Promise<void> = async () => {},
  ) {
    this.realRoot = realpathSync(root);
  }

  get root(): string {
    return this.realRoot;
  }

  get version(): string {
    return this.current().version;
  }

  search(query: string, limit: number, locale?: string): SearchHit[] {
    const snap = this.current();
    const asked = askedLocale(snap, locale);
    if (asked) return searchInLocale(snap, query, clampLimit(limit), asked);
    const hits = snap.index.search(query, clampLimit(limit));
    return locale ? hits.map((h) => ({ ...h, locale: DEFAULT_LOCALE })) : hits;
  }

  locales(): string[] {
    return [DEFAULT_LOCALE, ...this.current().translations.keys()];
  }

  /** Rebuilds the index from the files now (after Parley itself wrote one), without waiting for the watcher. */
  reload(): Promise<void> {
    return this.rebuild();
  }

  documents() {
    return [...this.current().articles.values()].map((a) => ({
      slug: a.slug,
      title: a.title,
      sections: a.sections.map((s) => ({ id: s.id, heading: s.heading, text: s.text })),
    }));
  }

  /** Absolute path of the article's Markdown file. */
  sourcePath(slug: string): string | undefined {
    const a = this.current().articles.get(slug);
    return a ? join(this.realRoot, a.relPath) : undefined;
  }

  article(slug: string, locale?: string): ArticleView | undefined {
    const snap = this.current();
    const a = inLocale(snap, slug, locale);
    if (!a) return undefined;
    return {
      slug: a.slug,
      title: a.title,
      description: a.description,
      category: a.category,
      tags: a.tags,
      html: a.html,
      sections: a.sections
        .filter((s) => s.heading !== null && s.level >= 2)
        .map((s) => ({ id: s.id, heading: s.heading ?? '', level: s.level })),
      updatedAt: a.updated ?? '',
      related: related(snap.articles.get(slug) ?? a, snap).map((r) => localSummary(snap, r, locale)),
      ...(locale ? { locale: a.locale ?? DEFAULT_LOCALE, locales: localesOf(snap, slug) } : {}),
    };
  }

  currentSlug(slug: string, locale?: string): string | undefined {
    const snap = this.current();
    if (snap.articles.has(slug)) return undefined;
    const target = resolveAlias(snap.aliases, slug, askedLocale(snap, locale));
    return target && snap.articles.has(target) ? target : undefined;
  }

  categories(locale?: string): CategoryView[] {
    const snap = this.current();
    const all = [...snap.articles.values()];
    const asked = askedLocale(snap, locale);
    const titles = asked ? snap.localeCategories.get(asked) : undefined;
    return snap.categories.map((c) => {
      const own = titles?.get(c.slug);
      const articles = all.filter((a) => a.category === c.slug).map((a) => localSummary(snap, a, locale));
      // Translated articles first (in their order), then those only in the default language.
      if (asked) articles.sort((x, y) => Number(x.locale !== asked) - Number(y.locale !== asked));
      return {
        ...c,
        ...(own ? { title: own.title, description: own.description } : {}),
        articles,
      };
    });
  }

  suggestions(url: string | undefined, limit: number, locale?: string): ArticleSummary[] {
    const snap = this.current();
    const all = [...snap.articles.values()];
    const path = url ? urlPath(url) : undefined;
    const matching = path ? all.filter((a) => a.pages.length > 0 && matchesPages(a.pages, path)) : [];
    let list = matching.length > 0 ? matching : this.popular(all);
    // In another language, what can be read in it comes first (in the same order), then the rest.
    const translated = snap.translations.get(askedLocale(snap, locale) ?? '');
    if (translated)
      list = [...list.filter((a) => translated.has(a.slug)), ...list.filter((a) => !translated.has(a.slug))];
    return list.slice(0, clampLimit(limit)).map((a) => localSummary(snap, a, locale));
  }

  recordView(slug: string): void {
    if (this.current().articles.has(slug)) this.views.set(slug, (this.views.get(slug) ?? 0) + 1);
  }

  assetPath(relative: string): string | undefined {
    const segments = relative.split('/');
    const bad = segments.some(
      (s) => s === '' || s === '.' || s === '..' || s.startsWith('.') || /[\0\\]/.test(s),
    );
    if (bad || !isImagePath(relative)) return undefined;
    try {
      const real = realpathSync(join(this.realRoot, ...segments));
      if (!real.startsWith(this.realRoot + sep) || !isImagePath(real)) return undefined;
      return statSync(real).isFile() ? real : undefined;
    } catch {
      return undefined;
    }
  }

  health(): KnowledgeBaseHealth {
    const snap = this.current();
    return { articles: snap.articles.size, problems: snap.problems, stale: snap.stale };
  }

  close(): Promise<void> {
    return this.onClose();
  }

  /** Most viewed first; articles never viewed keep their editorial order (the snapshot's order). */
  private popular(all: ParsedArticle[]): ParsedArticle[] {
    return all
      .map((a, i) => ({ a, i, v: this.views.get(a.slug) ?? 0 }))
      .sort((x, y) => y.v - x.v || x.a.order - y.a.order || x.i - y.i)
      .map((x) => x.a);
  }
}

function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit))) : 5;
}

/** The original's summary, or with a `locale` its translation's (the original's when there is none yet). */
function localSummary(snap: Snapshot, a: ParsedArticle, locale: string | undefined): ArticleSummary {
  return summaryOf(inLocale(snap, a.slug, locale) ?? a, locale !== undefined);
}

/** Same-category articles, those sharing the most tags first. */
function related(article: ParsedArticle, snap: Snapshot): ParsedArticle[] {
  const tags = new Set(article.tags.map((t) => t.toLowerCase()));
  return [...snap.articles.values()]
    .filter(
      (a) =>
        a.slug !== article.slug &&
        (a.category === article.category || a.tags.some((t) => tags.has(t.toLowerCase()))),
    )
    .map((a) => ({
      a,
      shared:
        a.tags.filter((t) => tags.has(t.toLowerCase())).length + (a.category === article.category ? 1 : 0),
    }))
    .sort((x, y) => y.shared - x.shared)
    .slice(0, RELATED_COUNT)
    .map((x) => x.a);
}

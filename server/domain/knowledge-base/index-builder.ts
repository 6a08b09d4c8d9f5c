import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { type Analyser, ENGLISH } from './analysers/index.ts';
import { packStems, type SectionStems, STEM_SEPARATOR } from './best-section.ts';
import { dropIdioms } from './lexicon/idioms.ts';
import type { ParsedArticle } from './parse-article.ts';
import { queryKey } from './query-key.ts';
import { tokenize } from './text.ts';

/** An `IndexBuilder`'s parts as plain data. */
export interface IndexParts {
  mini: AsPlainObject;
  df: Array<[string, number]>;
  sectionStems: SectionStems[][];
  phrases: Array<[string, number[]]>;
  questions: Array<[string, number[]]>;
  longestPhrase: number;
}

/**
 * Builds the index parts one article at a time, so a large knowledge base can be indexed in
 * slices between which the server goes on answering (see `SearchIndex.build`).
 */
export class IndexBuilder {
  mini: MiniSearch;
  private readonly options: Options;
  readonly df = new Map<string, number>();
  readonly sectionStems: SectionStems[][] = [];
  readonly phrases = new Map<string, number[]>();
  /** Editors' questions (front matter `questions:`), by query key -> articles. */
  readonly questions = new Map<string, number[]>();
  longestPhrase = 0;
  // One tokenising pass feeds MiniSearch, the document frequencies and the per-section stems:
  // section texts are joined with a separator token that moves `section` along.
  private current = new Set<string>();
  private perSection: Array<{ heading: Set<string>; text: Set<string> }> = [];
  private section = 0;

  /** `analyser`: the language's stop words and stemmer (English idioms are dropped from English text only). */
  constructor(readonly analyser: Analyser = ENGLISH) {
    const words =
      analyser === ENGLISH
        ? (text: string) => dropIdioms(tokenize(text))
        : (text: string) => tokenize(text, analyser.elision);
    // MiniSearch tokenises a field, then processes its terms: restart the section count per field.
    const splitSections = (text: string) => {
      this.section = 0;
      return text
        .split(STEM_SEPARATOR)
        .flatMap((part, i) => (i === 0 ? words(part) : [STEM_SEPARATOR, ...words(part)]));
    };
    this.options = {
      fields: ['title', 'headings', 'keywords', 'text'],
      tokenize: (text, field) =>
        field === 'text' || field === 'headings' ? splitSections(text) : words(text),
      processTerm: (term, field) => {
        if (term === STEM_SEPARATOR) {
          this.section++;
          return null;
        }
        const s = analyser.analyse(term);
        if (s === null) return null;
        this.current.add(s);
        if (field === 'text') this.perSection[this.section]?.text.add(s);
        else if (field === 'headings') this.perSection[this.section]?.heading.add(s);
        return s;
      },
    };
    this.mini = new MiniSearch(this.options);
  }

  /** Everything built, as plain data (for the index cache; see index-cache.ts). */
  toJSON(): IndexParts {
    return {
      mini: this.mini.toJSON(),
      df: [...this.df],
      sectionStems: this.sectionStems,
      phrases: [...this.phrases],
      questions: [...this.questions],
      longestPhrase: this.longestPhrase,
    };
  }

  /** The builder `toJSON` described, without indexing anything again. */
  static fromJSON(parts: IndexParts, analyser: Analyser = ENGLISH): IndexBuilder {
    const b = new IndexBuilder(analyser);
    b.mini = MiniSearch.loadJS(parts.mini, b.options);
    for (const [k, v] of parts.df) b.df.set(k, v);
    b.sectionStems.push(...parts.sectionStems);
    for (const [k, v] of parts.phrases) b.phrases.set(k, v);
    for (const [k, v] of parts.questions) b.questions.set(k, v);
    b.longestPhrase = parts.longestPhrase;
    return b;
  }

  add(article: ParsedArticle, id: number): void {
    this.current = new Set();
    this.perSection = article.sections.map(() => ({ heading: new Set(), text: new Set() }));
    this.mini.add({
      id,
      title: article.title,
      headings: article.sections.map((s) => s.heading ?? '').join(STEM_SEPARATOR),
      keywords: [
        ...article.tags,
        ...article.keywords,
        ...(article.questions ?? []),
        article.description,
      ].join('\n'),
      text: article.sections.map((s) => s.text).join(STEM_SEPARATOR),
    });
    for (const s of this.current) this.df.set(s, (this.df.get(s) ?? 0) + 1);
    this.sectionStems.push(
      this.perSection.map((p) => ({ heading: packStems(p.heading), text: packStems(p.text) })),
    );
    for (const phrase of [article.title, ...article.keywords]) this.addPhrase(phrase, id);
    for (const question of article.questions ?? []) {
      const key = queryKey(question, this.analyser);
      if (key === '') continue;
      const ids = this.questions.get(key) ?? [];
      if (!ids.includes(id)) ids.push(id);
      this.questions.set(key, ids);
    }
  }

  private addPhrase(phrase: string, id: number): void {
    const words = tokenize(phrase, this.analyser.elision);
    if (words.length < 2 || words.length > 8 || words.every((w) => this.analyser.isStopWord(w))) return;
    const key = words.map((w) => this.analyser.stem(w)).join(' ');
    const ids = this.phrases.get(key) ?? [];
    if (!ids.includes(id)) ids.push(id);
    this.phrases.set(key, ids);
    this.longestPhrase = Math.max(this.longestPhrase, words.length);
  }
}

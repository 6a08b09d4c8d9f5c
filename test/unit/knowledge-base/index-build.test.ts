import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ParsedArticle, parseArticle } from '../../../server/domain/knowledge-base/parse-article.ts';
import { SearchIndex } from '../../../server/domain/knowledge-base/search-index.ts';
import { createSynonymTable } from '../../../server/domain/knowledge-base/synonyms.ts';
import { ENGLISH_SYNONYMS } from '../../../server/domain/knowledge-base/synonyms-en.ts';

const ZULIP = join(import.meta.dirname, '../../fixtures/zulip-help');

function zulipArticles(copies: number): ParsedArticle[] {
  const files = readdirSync(ZULIP).filter((f) => f.endsWith('.md') && f !== 'README.md');
  const articles = files
    .map((f) => parseArticle({ relPath: f, text: readFileSync(join(ZULIP, f), 'utf8') }).article)
    .filter((a) => a !== undefined);
  return Array.from({ length: copies }, (_, i) =>
    articles.map((a) => ({ ...a, slug: `${a.slug}-${i}` })),
  ).flat();
}

// Indexing thousands of articles takes over a second; a live reload must not hold up chats meanwhile.
describe('building the search index', () => {
  it('lets other work run while a large knowledge base is indexed', async () => {
    const articles = zulipArticles(8); // about 1,700 articles
    const synonyms = createSynonymTable(ENGLISH_SYNONYMS);
    let ranMeanwhile = 0;
    let done = false;
    const tick = () => {
      if (done) return;
      ranMeanwhile++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const index = await SearchIndex.build(articles, synonyms);
    done = true;
    expect(ranMeanwhile).toBeGreaterThan(1);
    // The same index as one built in one go.
    const once = new SearchIndex(articles, synonyms);
    for (const q of ['mute a stream', 'chnage my pasword', 'keyboard shortcuts', 'dark mode'])
      expect(index.search(q, 5)).toEqual(once.search(q, 5));
  }, 20_000); // two builds of 1,700 articles and the first load of WordNet: past vitest's 5 s on a busy machine
});

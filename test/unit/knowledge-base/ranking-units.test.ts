import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from '../../../server/domain/knowledge-base/types.ts';
import { silentLogger } from '../../../server/lib/logger.ts';
import { article, tempKb } from './helpers.ts';

// General ranking rules, each on a small knowledge base built for it (no rule is written for any corpus).
const FILLER = Array.from({ length: 8 }, (_, i) => [
  `guides/topic-${i}.md`,
  article(`Topic ${i}`, `Notes about subject ${i}: colours, sizes and shapes.`),
]);
// An overview that mentions every word of the query once, in a long text.
const HUB_WORDS = `Welcome. Switch between screens, install the app, add another person, and pick a language. ${Array.from(
  { length: 300 },
  (_, i) => `word${i}`,
).join(' ')}`;

let kb: KnowledgeBase;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const made = await tempKb({
    '_synonyms.yml': '- [delete, remove, erase]\n- [workspace, organization]\n',
    'admin/organization-settings.md': article(
      'Organization settings',
      'Name, logo and defaults of the organization.',
    ),
    ...Object.fromEntries(FILLER),
    'data/import-your-data.md': article(
      'Import your data',
      'Stop the old server first, e.g. at night. Bring your history, e.g. channels, e.g. users. Forward mail, e.g. a list.',
    ),
    'settings/email-notifications.md': article(
      'Email notifications',
      'Choose which notifications arrive by email.',
    ),
    'chats/erase-history.md': article(
      'Erase old items',
      'Remove, delete or erase items: erase one, remove many, delete all, in any chat.',
    ),
    'chats/delete-a-chat.md': article('Delete a chat', 'Pick the chat in the list.'),
  });
  cleanup = made.cleanup;
  kb = await loadKnowledgeBase({ dir: made.dir, logger: silentLogger() });
});
afterAll(async () => {
  await kb.close();
  await cleanup();
});

const slugs = (q: string) => kb.search(q, 5).map((h) => h.slug);

describe('ranking counts meaning, not spellings', () => {
  it('a lone letter of a synonym ("e" of "e-mail") matches nothing: "e.g." is not about email', () => {
    // The import guide says "stop" and "mail", and "e.g." four times; the notifications article is about email.
    expect(slugs('stop getting emails')[0]).toBe('settings/email-notifications');
  });

  it('three phrasings of one idea count as one: two ideas of the query matched rank higher', () => {
    // "Erase old items" says delete, remove and erase (one idea) and chat once; "Delete a chat" has both ideas in its title.
    expect(slugs('delete chat')[0]).toBe('chats/delete-a-chat');
  });

  it('reads a slip of a synonym-list word as that word', async () => {
    const made = await tempKb({
      '_synonyms.yml': '- [workspace, organization]\n',
      ...Object.fromEntries(FILLER),
      'admin/organization-settings.md': article(
        'Organization settings',
        'Name, logo and defaults of the organization.',
      ),
      'admin/settings.md': article(
        'Settings',
        'All settings: settings for alerts, settings for display, other settings.',
      ),
    });
    const own = await loadKnowledgeBase({ dir: made.dir, logger: silentLogger() });
    try {
      // "workspace" is no article's word, only the synonym list's: its misspelling still reaches "organization".
      const hits = own.search('workpsace settings', 5);
      expect(hits.map((h) => [h.slug, h.related])).toEqual([
        ['admin/organization-settings', false],
        ['admin/settings', true],
      ]);
    } finally {
      await own.close();
      await made.cleanup();
    }
  });

  it('reads a slip of a stop word as that word', () => {
    // A misspelt "yourself" is not a word no article has (which would make the query look unanswered).
    const hits = kb.search('chat yuorself', 5);
    expect(hits[0]?.slug).toBe('chats/delete-a-chat');
    expect(hits[0]?.related).not.toBe(true);
  });

  it('a title match of part of the query, far stronger than an overview mentioning every word, is an answer', async () => {
    const made = await tempKb({
      ...Object.fromEntries(FILLER),
      'settings/change-your-language.md': article(
        'Change the app language',
        'Set the language of the app: open Settings, then Language.',
        'keywords: [language, app language, translation]\n',
      ),
      'guides/getting-started.md': article('Getting started', HUB_WORDS),
    });
    const own = await loadKnowledgeBase({ dir: made.dir, logger: silentLogger() });
    try {
      const hits = own.search('how do I switch the app to another language', 5);
      expect(hits.map((h) => h.slug)).toEqual(['settings/change-your-language', 'guides/getting-started']);
      expect(hits.map((h) => h.related)).toEqual([false, false]);
    } finally {
      await own.close();
      await made.cleanup();
    }
  });
});

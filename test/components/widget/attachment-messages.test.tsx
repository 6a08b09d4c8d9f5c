import { render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../../widget/app/i18n/en.ts';
import { setFileAccess } from '../../../widget/chat/attachments/LazyFiles.tsx';
import { MessageItem } from '../../../widget/chat/MessageItem.tsx';
import { msg } from './fakes.tsx';

describe('files an agent sends, in the widget', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('loads the attachments chunk and shows a PDF card linking to a signed URL asked with the visitor token', {
    timeout: 20_000,
  }, async () => {
    const asked: Array<{ url: string; auth: string | null }> = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      asked.push({ url, auth: new Headers(init?.headers).get('authorization') });
      return new Response(
        JSON.stringify({ url: '/api/attachments/f/c1/b/invoice.pdf?e=9&s=sig', expiresAt: 9 }),
      );
    });
    const adopted: string[] = [];
    setFileAccess({
      base: 'https://help.test/',
      token: () => 'visitor-token',
      adoptStyles: (c) => adopted.push(c),
    });
    const pdf = { id: 'b'.repeat(64), name: 'invoice.pdf', type: 'application/pdf', size: 120_000 };
    render(
      <ol>
        <MessageItem
          t={en.chat}
          message={msg({
            id: 'm2',
            seq: 2,
            author: 'agent',
            authorName: 'Ada',
            text: 'Your invoice',
            attachments: [pdf],
          })}
        />
      </ol>,
    );
    // The chunk loads with import(): on a busy machine that can take a few seconds.
    const card = await screen.findByRole('link', { name: 'Download invoice.pdf' }, { timeout: 15_000 });
    expect(card.getAttribute('href')).toBe('https://help.test/api/attachments/f/c1/b/invoice.pdf?e=9&s=sig');
    expect(card.textContent).toContain('PDF · 117 KB');
    expect(asked[0]).toEqual({
      url: `https://help.test/api/attachments/c1/${'b'.repeat(64)}/link?name=invoice.pdf`,
      auth: 'Bearer visitor-token',
    });
    // The chunk's own style sheet is adopted into the widget's shadow root, once.
    expect(adopted).toHaveLength(1);
  });
});

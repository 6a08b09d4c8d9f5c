import { render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Transcript } from '../../../widget/console/conversation/Transcript.tsx';
import { message, NOW } from './fakes.ts';

const noop = () => {};

describe('files in the console transcript', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows a visitor's photo as a thumbnail and a PDF as a card, each from a signed link asked with the session", async () => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url);
      const name = new URL(url, 'http://console.test').searchParams.get('name');
      return new Response(JSON.stringify({ url: `/api/attachments/f/c1/x/${name}?e=9&s=sig`, expiresAt: 9 }));
    });
    const photo = {
      id: 'a'.repeat(64),
      name: 'damage.jpg',
      type: 'image/jpeg',
      size: 80_000,
      width: 800,
      height: 600,
    };
    const pdf = { id: 'b'.repeat(64), name: 'label.pdf', type: 'application/pdf', size: 2048 };
    render(
      <Transcript
        messages={[
          message({ seq: 1, author: 'visitor', text: 'Here is the damage', attachments: [photo, pdf] }),
        ]}
        pending={[]}
        typing={null}
        now={NOW}
        onRetry={noop}
        onDiscard={noop}
      />,
    );
    const thumb = screen.getByRole('button', { name: 'Open damage.jpg full size' });
    await waitFor(() => expect(thumb.querySelector('img')?.getAttribute('src')).toContain('damage.jpg?e=9'));
    const card = await screen.findByRole('link', { name: 'Download label.pdf' });
    expect(card.textContent).toContain('PDF · 2 KB');
    expect(asked.every((u) => u.startsWith(`/api/attachments/`) && u.includes('/link?name='))).toBe(true);
  });
});

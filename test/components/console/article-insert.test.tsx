import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Composer, type ComposerTools } from '../../../widget/console/composer/Composer.tsx';

const tools: ComposerTools = {
  savedReplies: async () => [],
  kbSearch: async () => [
    { slug: 'orders/track-your-order', title: 'Track your order', url: '/kb/orders/track-your-order' },
  ],
  origin: 'https://help.example.com',
} as ComposerTools;

async function insertTrackYourOrder(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Insert article' }));
  await user.type(screen.getByRole('searchbox', { name: 'Search articles' }), 'track');
  await user.click(await screen.findByRole('button', { name: 'Insert link to Track your order' }));
}

describe('inserting an article into a reply', () => {
  it('sends the reply with an article reference the visitor can open in the widget', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    render(<Composer onSend={onSend} tools={tools} draft="This shows where it is:" />);
    await insertTrackYourOrder(user);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith(
      'This shows where it is: Track your order: https://help.example.com/kb/orders/track-your-order',
      false,
      { slug: 'orders/track-your-order', title: 'Track your order' },
    );
  });

  it('sends plain text when the agent deleted the inserted link before sending', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    render(<Composer onSend={onSend} tools={tools} />);
    await insertTrackYourOrder(user);
    const box = screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    await user.clear(box);
    await user.type(box, 'Never mind, it is on its way.');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith('Never mind, it is on its way.', false);
  });
});

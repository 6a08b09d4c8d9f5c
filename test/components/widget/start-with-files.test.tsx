import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../../widget/app/i18n/en.ts';
import { Composer } from '../../../widget/chat/Composer.tsx';
import { fakeUploads } from '../../support/fake-uploads.ts';

const uploads = () => fakeUploads({ id: 'd'.repeat(64), type: 'image/png' });
const photo = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'damage.png', { type: 'image/png' });

describe('files with the first message, before there is a conversation', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('wait with the message, then upload to the conversation it started and follow it', async () => {
    const sent = uploads();
    const onSend = vi.fn((_text: string, _files?: unknown[]) => true);
    const { rerender } = render(<Composer t={en.chat} onSend={onSend} />);
    await userEvent.upload(screen.getByTestId('attach-input'), photo());
    await screen.findByText('Goes with your message');
    expect(sent).toEqual([]);

    const box = screen.getByRole('textbox', { name: en.chat.message });
    await userEvent.type(box, 'My parcel arrived damaged{Enter}');
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(onSend).toHaveBeenLastCalledWith('My parcel arrived damaged', undefined);
    expect(sent).toEqual([]);

    // The message started conversation c1: the photo uploads there, and follows as the next message.
    rerender(<Composer t={en.chat} onSend={onSend} attachTo="c1" />);
    await waitFor(() => expect(onSend).toHaveBeenCalledTimes(2));
    expect(sent).toEqual([expect.stringMatching(/\/api\/attachments\/c1\?name=damage\.png$/)]);
    expect(onSend).toHaveBeenLastCalledWith('damage.png', [expect.objectContaining({ name: 'damage.png' })]);
    expect(screen.queryByText('Goes with your message')).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('a waiting file can be removed, and then nothing follows the message', async () => {
    const sent = uploads();
    const onSend = vi.fn((_text: string, _files?: unknown[]) => true);
    const { rerender } = render(<Composer t={en.chat} onSend={onSend} />);
    await userEvent.upload(screen.getByTestId('attach-input'), photo());
    await userEvent.click(await screen.findByRole('button', { name: 'Remove' }));
    expect(screen.queryByText('damage.png')).toBeNull();
    await userEvent.type(screen.getByRole('textbox', { name: en.chat.message }), 'Just a question{Enter}');
    rerender(<Composer t={en.chat} onSend={onSend} attachTo="c2" />);
    await userEvent.type(screen.getByRole('textbox', { name: en.chat.message }), 'And another{Enter}');
    expect(onSend.mock.calls.map((c) => c[0])).toEqual(['Just a question', 'And another']);
    expect(sent).toEqual([]);
  });

  it('a file chosen just before the conversation is known uploads as soon as it is, and goes with the next message', async () => {
    const sent = uploads();
    const onSend = vi.fn((_text: string, _files?: unknown[]) => true);
    const { rerender } = render(<Composer t={en.chat} onSend={onSend} />);
    await userEvent.upload(screen.getByTestId('attach-input'), photo());
    await screen.findByText('Goes with your message');
    rerender(<Composer t={en.chat} onSend={onSend} attachTo="c3" />);
    await screen.findByRole('progressbar', { name: 'damage.png: 100%' });
    expect(sent).toEqual([expect.stringMatching(/\/api\/attachments\/c3\?name=damage\.png$/)]);
    await userEvent.type(screen.getByRole('textbox', { name: en.chat.message }), 'Here it is{Enter}');
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(onSend).toHaveBeenLastCalledWith('Here it is', [expect.objectContaining({ name: 'damage.png' })]);
  });
});

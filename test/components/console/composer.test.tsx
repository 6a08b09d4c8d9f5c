import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Composer } from '../../../widget/console/composer/Composer.tsx';

describe('composer', () => {
  it('sends on Enter and clears the box', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    await user.type(box, 'Hello there{Enter}');
    expect(onSend).toHaveBeenCalledWith('Hello there', false);
    expect(box.value).toBe('');
  });

  it('adds a new line on Shift+Enter instead of sending', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    await user.type(box, 'Line one{Shift>}{Enter}{/Shift}Line two');
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe('Line one\nLine two');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith('Line one\nLine two', false);
  });

  it('sends an internal note when the toggle is on, without telling the visitor about typing', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    const onTyping = vi.fn();
    render(<Composer onSend={onSend} onTyping={onTyping} />);
    await user.click(screen.getByRole('checkbox', { name: 'Internal note' }));
    await user.type(screen.getByRole('textbox', { name: 'Reply' }), 'Check the order id');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(onSend).toHaveBeenCalledWith('Check the order id', true);
    expect(onTyping).not.toHaveBeenCalled();
  });

  it('does not send blank text, and starts from the saved draft', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    const onDraft = vi.fn();
    render(<Composer onSend={onSend} draft="half a thought" onDraft={onDraft} />);
    const box = screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    expect(box.value).toBe('half a thought');
    await user.clear(box);
    await user.type(box, '   {Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(onDraft).toHaveBeenLastCalledWith('   ');
  });

  it('is disabled with the reason when replying is not possible', () => {
    render(<Composer onSend={() => {}} disabledReason="This conversation is closed. Reopen it to reply." />);
    const box = screen.getByRole('textbox', { name: 'Reply' });
    expect(box).toHaveProperty('disabled', true);
    expect(box.getAttribute('placeholder')).toBe('This conversation is closed. Reopen it to reply.');
  });
});

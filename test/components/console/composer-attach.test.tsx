import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from '../../../widget/console/composer/Composer.tsx';
import { fakeUploads } from '../../support/fake-uploads.ts';

const uploads = (statuses: number[]) =>
  fakeUploads({ id: 'c'.repeat(64), type: 'application/pdf' }, statuses);

describe("the console composer's paperclip", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uploads a chosen file with the session to the open conversation and sends it with the reply', async () => {
    const sent = uploads([201]);
    const onSend = vi.fn();
    render(<Composer onSend={onSend} attachTo="conv-1" />);
    const file = new File(['%PDF-1.4'], 'label.pdf', { type: 'application/pdf' });
    await userEvent.upload(screen.getByTestId('attach-input'), file);
    await screen.findByRole('progressbar', { name: 'label.pdf: 100%' }, { timeout: 10_000 });
    expect(sent).toEqual(['/api/attachments/conv-1?name=label.pdf']);
    await userEvent.type(screen.getByRole('textbox'), 'Your return label{Enter}');
    expect(onSend).toHaveBeenCalledWith('Your return label', false, undefined, [
      expect.objectContaining({ name: 'label.pdf', type: 'application/pdf' }),
    ]);
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  }, 20_000);

  it('says why an upload failed and retries it', async () => {
    uploads([500, 201]);
    render(<Composer onSend={vi.fn()} attachTo="conv-1" />);
    await userEvent.upload(
      screen.getByTestId('attach-input'),
      new File(['x'], 'scan.pdf', { type: 'application/pdf' }),
    );
    expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent).toBe('Upload failed');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('progressbar', { name: 'scan.pdf: 100%' });
  }, 20_000);

  it('has no paperclip when there is no conversation to attach to', () => {
    render(<Composer onSend={vi.fn()} />);
    expect(screen.queryByRole('button', { name: 'Attach files' })).toBeNull();
  });
});

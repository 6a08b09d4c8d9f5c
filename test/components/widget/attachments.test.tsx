import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AttachButton } from '../../../widget/chat/attachments/AttachButton.tsx';
import { AttachmentView } from '../../../widget/chat/attachments/AttachmentView.tsx';
import { DropZone } from '../../../widget/chat/attachments/DropZone.tsx';
import { englishAttachmentLabels as labels } from '../../../widget/chat/attachments/labels.ts';
import { UploadList } from '../../../widget/chat/attachments/UploadList.tsx';
import { formatSize } from '../../../widget/chat/attachments/upload.ts';

const photo = () => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'damage.png', { type: 'image/png' });

describe('the paperclip button', () => {
  it('is a labelled button whose picker takes several files at once', async () => {
    const onFiles = vi.fn();
    render(<AttachButton label={labels.attach} onFiles={onFiles} />);
    const button = screen.getByRole('button', { name: 'Attach files' });
    const input = screen.getByTestId('attach-input') as HTMLInputElement;
    const click = vi.spyOn(input, 'click');
    await userEvent.click(button);
    expect(click).toHaveBeenCalled();
    expect(input.multiple).toBe(true);
    expect(input.accept).toContain('application/pdf');
    const pdf = new File(['%PDF-1.4'], 'invoice.pdf', { type: 'application/pdf' });
    await userEvent.upload(input, [photo(), pdf]);
    expect(onFiles).toHaveBeenCalledTimes(1);
    expect(onFiles.mock.calls[0]?.[0].map((f: File) => f.name)).toEqual(['damage.png', 'invoice.pdf']);
  });
});

describe('dropping and pasting files', () => {
  it('hands on files dropped onto the conversation, with a hint while they are over it', () => {
    const onFiles = vi.fn();
    render(
      <DropZone labels={labels} onFiles={onFiles}>
        <p>conversation</p>
      </DropZone>,
    );
    const zone = screen.getByText('conversation').parentElement as HTMLElement;
    const file = photo();
    fireEvent.dragOver(zone, { dataTransfer: { types: ['Files'], files: [file] } });
    expect(screen.getByRole('status').textContent).toBe('Drop files to attach them');
    fireEvent.drop(zone, { dataTransfer: { types: ['Files'], files: [file] } });
    expect(onFiles).toHaveBeenCalledWith([file]);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('hands on an image pasted from the clipboard, and leaves a text paste alone', () => {
    const onFiles = vi.fn();
    render(
      <DropZone labels={labels} onFiles={onFiles}>
        <textarea aria-label="Message" />
      </DropZone>,
    );
    const box = screen.getByRole('textbox', { name: 'Message' });
    const file = photo();
    fireEvent.paste(box, { clipboardData: { items: [{ kind: 'file', getAsFile: () => file }] } });
    expect(onFiles).toHaveBeenCalledWith([file]);
    onFiles.mockClear();
    fireEvent.paste(box, { clipboardData: { items: [{ kind: 'string', getAsFile: () => null }] } });
    expect(onFiles).not.toHaveBeenCalled();
  });
});

describe('the upload list', () => {
  it('shows each file with its progress and a Cancel while it uploads', async () => {
    const onCancel = vi.fn();
    render(
      <UploadList
        labels={labels}
        items={[{ key: 'k1', name: 'damage.png', size: 2_500_000, progress: 0.42 }]}
        onCancel={onCancel}
        onRetry={vi.fn()}
      />,
    );
    const bar = screen.getByRole('progressbar', { name: 'damage.png: 42%' });
    expect(bar.getAttribute('value')).toBe('42');
    expect(screen.getByText('2.4 MB')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledWith('k1');
  });

  it('says why a file failed, with Retry only where retrying can help', async () => {
    const onRetry = vi.fn();
    render(
      <UploadList
        labels={labels}
        items={[
          { key: 'a', name: 'big.pdf', size: 20_000_000, progress: 0, error: 'too_large' },
          { key: 'b', name: 'page.png', size: 300, progress: 0, error: 'type_not_allowed' },
          { key: 'c', name: 'scan.pdf', size: 3000, progress: 0.3, error: 'failed' },
        ]}
        onCancel={vi.fn()}
        onRetry={onRetry}
      />,
    );
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      'Too large',
      'This type of file is not allowed',
      'Upload failed',
    ]);
    const retries = screen.getAllByRole('button', { name: 'Retry' });
    expect(retries).toHaveLength(1);
    await userEvent.click(retries[0] as HTMLElement);
    expect(onRetry).toHaveBeenCalledWith('c');
  });
});

describe('attachments in a message', () => {
  const image = {
    id: 'a'.repeat(64),
    name: 'damage.png',
    type: 'image/png',
    size: 5000,
    width: 64,
    height: 48,
  };
  const pdf = { id: 'b'.repeat(64), name: 'invoice.pdf', type: 'application/pdf', size: 120_000 };
  const linkOf = async (f: { id: string; name: string }) => `/api/attachments/f/c1/${f.id}/${f.name}?e=1&s=x`;

  it('shows an image as a thumbnail that opens full size, and Escape returns to it', async () => {
    render(<AttachmentView files={[image]} linkOf={linkOf} labels={labels} />);
    const thumb = screen.getByRole('button', { name: 'Open damage.png full size' });
    await waitFor(() => expect(thumb.querySelector('img')?.getAttribute('src')).toMatch(/damage\.png\?e=1/));
    await userEvent.click(thumb);
    const dialog = screen.getByRole('dialog', { name: 'damage.png' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Close'));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(thumb);
  });

  it('shows another file as a card with its name, type and size that downloads it', async () => {
    render(<AttachmentView files={[pdf]} linkOf={linkOf} labels={labels} />);
    // A link once its signed URL has arrived (before it, the card has no href).
    const card = await screen.findByRole('link', { name: 'Download invoice.pdf' });
    expect(card.textContent).toContain('invoice.pdf');
    expect(card.textContent).toContain(`PDF · ${formatSize(120_000)}`);
    expect(card.getAttribute('href')).toMatch(/invoice\.pdf\?e=1/);
    expect(card.getAttribute('rel')).toBe('noopener noreferrer');
  });
});

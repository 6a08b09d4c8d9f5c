import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EditorScreen } from '../../../widget/console/editor/EditorScreen.tsx';
import { type EditorApi, EditorApiError } from '../../../widget/console/editor/editor-api.ts';
import { joinArticle, splitArticle } from '../../../widget/console/editor/front-matter.ts';

const TRACK = '---\ntitle: Track your order\ntags: [parcel]\n---\nUse the tracking link.\n';
const source = (text = TRACK, version = 'a'.repeat(40)) => ({
  slug: 'orders/track',
  relPath: 'orders/track.md',
  text,
  version,
});

function fakeEditorApi(over: Partial<EditorApi> = {}): EditorApi {
  return {
    list: vi.fn(async () => ({
      history: 'folder' as const,
      articles: [
        {
          slug: 'orders/track',
          relPath: 'orders/track.md',
          title: 'Track your order',
          category: 'Orders',
          status: 'published' as const,
        },
        {
          slug: 'orders/soon',
          relPath: 'orders/soon.md',
          title: 'Coming soon',
          category: 'Orders',
          status: 'draft' as const,
        },
        {
          slug: 'returns/bad',
          relPath: 'returns/bad.md',
          title: 'returns/bad.md',
          category: '',
          status: 'broken' as const,
          problem: { line: 2, message: 'invalid YAML front matter' },
        },
      ],
    })),
    read: vi.fn(async () => source()),
    preview: vi.fn(async (_slug: string, text: string) => ({
      title: splitArticle(text).fields.title,
      html: `<p>${splitArticle(text).body.trim()}</p>`,
      problems: [],
    })),
    save: vi.fn(async () => ({ slug: 'orders/track', relPath: 'orders/track.md', version: 'b'.repeat(40) })),
    move: vi.fn(),
    remove: vi.fn(),
    uploadImage: vi.fn(),
    history: vi.fn(async () => ({ kind: 'folder' as const, versions: [] })),
    version: vi.fn(),
    ...over,
  } as EditorApi;
}

async function openTrack(api: EditorApi) {
  const user = userEvent.setup();
  render(<EditorScreen onExpired={vi.fn()} api={api} />);
  const list = await screen.findByRole('navigation', { name: 'Articles' });
  await user.click(within(list).getByRole('button', { name: /Track your order/ }));
  await screen.findByLabelText('Article (Markdown)');
  return { user, list };
}

describe('the Articles screen', () => {
  beforeEach(() => sessionStorage.clear());

  it('lists articles by category with their status, and why a broken one is broken', async () => {
    render(<EditorScreen onExpired={vi.fn()} api={fakeEditorApi()} />);
    const list = await screen.findByRole('navigation', { name: 'Articles' });
    const orders = within(list).getByRole('region', { name: 'Orders' });
    expect(within(orders).getByRole('button', { name: /Track your order/ }).textContent).toContain(
      'Published',
    );
    expect(within(orders).getByRole('button', { name: /Coming soon/ }).textContent).toContain('Draft');
    const returns = within(list).getByRole('region', { name: 'returns' });
    expect(returns.textContent).toContain('Broken');
    expect(returns.textContent).toContain('Line 2: invalid YAML front matter');
  });

  it('edits the front matter as fields and the body as Markdown, keeping fields it does not show, and saves', async () => {
    const api = fakeEditorApi();
    const { user } = await openTrack(api);
    await user.clear(screen.getByLabelText('Title'));
    await user.type(screen.getByLabelText('Title'), 'Track a parcel');
    await user.type(screen.getByLabelText('Keywords'), 'where is, late');
    await user.click(screen.getByLabelText('Draft: not shown to visitors yet'));
    await user.type(screen.getByLabelText('Article (Markdown)'), ' Or call us.');
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Track a parcel', level: 1 })).toBeTruthy(),
    );
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(api.save).toHaveBeenCalled());
    expect(api.save).toHaveBeenCalledWith(
      'orders/track',
      '---\ntitle: Track a parcel\nkeywords: [where is, late]\ndraft: true\ntags: [parcel]\n---\nUse the tracking link.\n Or call us.',
      'a'.repeat(40),
      undefined,
    );
    expect(await screen.findByText('Saved as a draft: visitors do not see it yet.')).toBeTruthy();
  });

  it('shows a refused save with each problem at its line, and a conflict as the two versions to merge', async () => {
    const save = vi
      .fn()
      .mockRejectedValueOnce(
        new EditorApiError(400, 'validation_failed', 'Not saved: broken link (line 5)', [
          { path: 'line 5', message: 'broken link: no article "orders/x"' },
        ]),
      )
      .mockRejectedValueOnce(new EditorApiError(409, 'conflict', 'This article changed on disk'))
      .mockResolvedValueOnce({ slug: 'orders/track', relPath: 'orders/track.md', version: 'd'.repeat(40) });
    const theirs = source(TRACK.replace('link', 'page'), 'c'.repeat(40));
    const read = vi.fn().mockResolvedValueOnce(source()).mockResolvedValueOnce(theirs);
    const api = fakeEditorApi({ save, read });
    const { user } = await openTrack(api);
    await user.type(screen.getByLabelText('Article (Markdown)'), ' [[x](x.md)');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not saved: broken link (line 5)');
    expect(within(alert).getByRole('button', { name: 'line 5' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Save' }));
    const conflict = await screen.findByRole('region', {
      name: 'This article changed while you were editing',
    });
    const diff = within(conflict).getByRole('region', { name: 'Their version compared with yours' });
    // Each changed line says how it changed (the + and − beside it are for the eye only).
    expect(diff.textContent).toMatch(/Removed: - Use the tracking page\./);
    expect(diff.textContent).toMatch(/Added: \+ Use the tracking link\.Added: \+ {2}\[x\]\(x\.md\)/);
    await user.click(within(conflict).getByRole('button', { name: 'Keep mine and merge' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    // The next save names their version: the editor has seen it, so it is no longer blind.
    await waitFor(() =>
      expect(save).toHaveBeenLastCalledWith('orders/track', expect.any(String), 'c'.repeat(40), undefined),
    );
  });

  it('asks before unsaved changes are dropped by opening another article', async () => {
    const api = fakeEditorApi();
    const { user, list } = await openTrack(api);
    await user.type(screen.getByLabelText('Article (Markdown)'), ' More.');
    await user.click(within(list).getByRole('button', { name: /Coming soon/ }));
    const dialog = screen.getByRole('dialog', { name: 'Discard your changes?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect((screen.getByLabelText('Article (Markdown)') as HTMLTextAreaElement).value).toContain('More.');
    expect(api.read).toHaveBeenCalledTimes(1);
    await user.click(within(list).getByRole('button', { name: /Coming soon/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(api.read).toHaveBeenLastCalledWith('orders/soon'));
  });
});

describe('creating, moving and deleting articles', () => {
  beforeEach(() => sessionStorage.clear());

  it('creates a draft from a title and a folder, showing the web address it will have', async () => {
    const api = fakeEditorApi();
    const user = userEvent.setup();
    render(<EditorScreen onExpired={vi.fn()} api={api} />);
    await screen.findByRole('navigation', { name: 'Articles' });
    await user.click(screen.getByRole('button', { name: 'New article' }));
    const dialog = screen.getByRole('dialog', { name: 'New article' });
    await user.type(within(dialog).getByLabelText('Title'), 'Gift wrapping, & notes');
    await user.clear(within(dialog).getByLabelText('Folder'));
    await user.type(within(dialog).getByLabelText('Folder'), 'Orders');
    expect(within(dialog).getByText('/kb/orders/gift-wrapping-notes')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Create draft' }));
    await waitFor(() =>
      expect(api.save).toHaveBeenCalledWith(
        'orders/gift-wrapping-notes',
        '---\ntitle: "Gift wrapping, & notes"\ndraft: true\n---\nWrite the answer first, in a sentence or two.\n',
        null,
      ),
    );
    await waitFor(() => expect(api.read).toHaveBeenCalledWith('orders/gift-wrapping-notes'));
  });

  it('moves an article to another folder and name, and deletes one after asking, showing a refusal', async () => {
    const move = vi.fn(async () => ({
      slug: 'account/tracking',
      relPath: 'account/tracking.md',
      version: 'e'.repeat(40),
      relinked: [],
    }));
    const remove = vi
      .fn()
      .mockRejectedValueOnce(
        new EditorApiError(400, 'validation_failed', 'Not deleted: broken link (returns/start.md line 3)'),
      );
    const api = fakeEditorApi({ move, remove });
    const { user } = await openTrack(api);
    await user.click(screen.getByRole('button', { name: 'Rename or move' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename or move' });
    expect((within(dialog).getByLabelText('Folder') as HTMLInputElement).value).toBe('orders');
    await user.clear(within(dialog).getByLabelText('Folder'));
    await user.type(within(dialog).getByLabelText('Folder'), 'account');
    await user.clear(within(dialog).getByLabelText('File name'));
    await user.type(within(dialog).getByLabelText('File name'), 'Tracking');
    // The old address keeps working: the move writes it into the article's aliases.
    expect(within(dialog).getByText(/will lead here/).textContent).toBe(
      "The old address, /kb/orders/track, will lead here (the move adds it to the article's aliases).",
    );
    await user.click(within(dialog).getByRole('button', { name: 'Move' }));
    await waitFor(() =>
      expect(move).toHaveBeenCalledWith('orders/track', 'account/tracking', 'a'.repeat(40)),
    );
    await waitFor(() => expect(api.read).toHaveBeenLastCalledWith('account/tracking'));

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete this article?' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect((await within(confirm).findByRole('alert')).textContent).toBe(
      'Not deleted: broken link (returns/start.md line 3)',
    );
  });
});

describe('images in an article', () => {
  beforeEach(() => sessionStorage.clear());

  it('uploads a chosen, pasted or dropped image and inserts its Markdown at the cursor', async () => {
    let n = 0;
    const uploadImage = vi.fn(async () => {
      n++;
      return { relPath: `images/shot-${n}.png`, markdown: `![Shot ${n}](/images/shot-${n}.png)` };
    });
    const { user } = await openTrack(fakeEditorApi({ uploadImage }));
    const body = screen.getByLabelText('Article (Markdown)') as HTMLTextAreaElement;
    const png = new File([new Uint8Array([137, 80, 78, 71])], 'Shot.png', { type: 'image/png' });
    body.setSelectionRange(0, 0);
    await user.upload(screen.getByLabelText('Image to insert'), png);
    await waitFor(() => expect(body.value).toBe('![Shot 1](/images/shot-1.png)Use the tracking link.\n'));
    expect(screen.getByText('Shot.png inserted.')).toBeTruthy();
    fireEvent.paste(body, { clipboardData: { files: [png] } });
    await waitFor(() => expect(body.value).toContain('![Shot 2](/images/shot-2.png)'));
    fireEvent.drop(body, { dataTransfer: { files: [png] } });
    await waitFor(() => expect(body.value).toContain('![Shot 3](/images/shot-3.png)'));
    expect(uploadImage).toHaveBeenCalledTimes(3);
    // Text pasted is just text.
    fireEvent.paste(body, { clipboardData: { files: [] } });
    expect(uploadImage).toHaveBeenCalledTimes(3);
  });
});

describe('unsaved changes kept across screens', () => {
  beforeEach(() => sessionStorage.clear());

  it('brings back unsaved text when the article is opened again, and offers a merge if the file moved on', async () => {
    const first = await openTrack(fakeEditorApi());
    await first.user.type(screen.getByLabelText('Article (Markdown)'), 'Kept.');
    await waitFor(() => expect(sessionStorage.getItem('parley:kb-draft:orders/track')).toContain('Kept.'));
    cleanup(); // the editor went to another console screen

    await openTrack(fakeEditorApi());
    expect((screen.getByLabelText('Article (Markdown)') as HTMLTextAreaElement).value).toBe(
      'Use the tracking link.\nKept.',
    );
    expect(screen.getByText('Your unsaved changes to this article were kept.')).toBeTruthy();
    cleanup();

    const moved = source(TRACK.replace('link', 'page'), 'c'.repeat(40));
    await openTrack(fakeEditorApi({ read: vi.fn(async () => moved) }));
    expect(screen.getByRole('region', { name: 'This article changed while you were editing' })).toBeTruthy();
    expect((screen.getByLabelText('Article (Markdown)') as HTMLTextAreaElement).value).toContain('Kept.');
  });
});

describe('front matter as fields', () => {
  it('reads block and flow lists and quoted values, and writes values that YAML would misread in quotes', () => {
    const split = splitArticle(
      '---\ntitle: "Yes: or no"\nkeywords:\n  - one\n  - "two, three"\npages: [/a, \'/b\']\ndraft: true\norder: 2\n---\nBody\n',
    );
    expect(split.fields).toEqual({
      title: 'Yes: or no',
      description: '',
      category: '',
      keywords: ['one', 'two, three'],
      pages: ['/a', '/b'],
      draft: true,
    });
    expect(split.other).toEqual(['order: 2']);
    expect(joinArticle({ ...split, fields: { ...split.fields, description: 'true', title: 'Track ' } })).toBe(
      '---\ntitle: "Track "\ndescription: "true"\nkeywords: [one, "two, three"]\npages: ["/a", "/b"]\ndraft: true\norder: 2\n---\nBody\n',
    );
  });
});

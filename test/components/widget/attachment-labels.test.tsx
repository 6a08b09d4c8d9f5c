import { render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { AttachmentView } from '../../../widget/chat/attachments/AttachmentView.tsx';
import { attachLabel, englishAttachmentLabels } from '../../../widget/chat/attachments/labels.ts';
import { labelsFor } from '../../../widget/chat/attachments/labels-i18n.ts';
import { UploadList } from '../../../widget/chat/attachments/UploadList.tsx';
import { LANGUAGES } from '../../../widget/ui/language.ts';

const pdf = { id: 'b'.repeat(64), name: 'factura.pdf', type: 'application/pdf', size: 2048 };
const note = { id: 'c'.repeat(64), name: 'notiz.txt', type: 'text/plain', size: 12 };
const image = { id: 'a'.repeat(64), name: 'daño.png', type: 'image/png', size: 900, width: 8, height: 8 };
const linkOf = (scan?: 'clean') => async (f: { id: string; name: string }) => ({
  url: `/api/attachments/f/c1/${f.id}/${f.name}?e=1&s=x`,
  ...(scan ? { scan } : {}),
});

/** Every label of a table, rendered to text (the functions with sample arguments). */
function words(l: typeof englishAttachmentLabels): string[] {
  return [
    l.attach,
    l.dropHere,
    l.cancel,
    l.retry,
    l.remove,
    l.close,
    l.openImage('x.png'),
    l.download('x.pdf'),
    l.uploading('x.png', 50),
    l.scanned,
    l.waiting,
    ...Object.values(l.errors),
  ];
}

describe('the attachment controls in every language the widget ships', () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has its own word for every control', (lang) => {
    const table = labelsFor(lang);
    const english = words(englishAttachmentLabels);
    const own = words(table);
    expect(own).toHaveLength(english.length);
    for (const [i, w] of own.entries()) {
      expect(w.trim(), `label ${i}`).not.toBe('');
      // "Text" is the same word in German; every other label differs from the English one.
      expect(w, `label ${i} in ${lang}`).not.toBe(english[i]);
    }
    expect(Object.keys(table.errors).sort()).toEqual(Object.keys(englishAttachmentLabels.errors).sort());
    expect(attachLabel(lang)).toBe(table.attach);
  });

  it('takes the language from the locale, English for a language the widget does not ship', () => {
    expect(labelsFor('es-MX').download('a')).toBe('Descargar a');
    expect(labelsFor('pt-BR')).toBe(englishAttachmentLabels);
    expect(attachLabel('pt')).toBe('Attach files');
  });

  it('a Spanish card and thumbnail speak Spanish, and say the virus scan passed them', async () => {
    render(<AttachmentView files={[pdf, image]} linkOf={linkOf('clean')} labels={labelsFor('es')} />);
    const card = await screen.findByRole('link', { name: 'Descargar factura.pdf' });
    expect(card.textContent).toContain('Analizado en busca de virus');
    screen.getByRole('button', { name: 'Abrir daño.png a tamaño completo' });
    expect(screen.getAllByText('Analizado en busca de virus')).toHaveLength(2);
  });

  it('says nothing about a scan when Parley has no scanner; a text file is named in the language', async () => {
    render(<AttachmentView files={[note]} linkOf={linkOf()} labels={labelsFor('de')} />);
    const card = await screen.findByRole('link', { name: 'notiz.txt herunterladen' });
    await waitFor(() => expect(card.getAttribute('href')).toMatch(/notiz\.txt/));
    expect(card.textContent).toContain('Text · 12 bytes');
    expect(card.textContent).not.toContain('Viren');
  });

  it('a file the virus scan refused says so in Arabic, with Remove and no Retry', () => {
    render(
      <UploadList
        items={[{ key: 'k', name: 'eicar.txt', size: 68, progress: 1, error: 'infected' }]}
        labels={labelsFor('ar')}
        onCancel={() => undefined}
        onRetry={() => undefined}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('لم يُرسَل: عثر فحص الفيروسات على شيء فيه');
    screen.getByRole('button', { name: 'إزالة' });
    expect(screen.queryByRole('button', { name: 'إعادة المحاولة' })).toBeNull();
  });
});

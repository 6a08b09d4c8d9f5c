import { describe, expect, it } from 'vitest';
import { authorArg } from '../../../server/domain/kb-editor/git.ts';
import { safeImageName, sniffImage } from '../../../server/domain/kb-editor/images.ts';
import { relinkMoved, relinkTo } from '../../../server/domain/kb-editor/relink.ts';

describe('links kept working when an article moves', () => {
  it('re-aims relative, root-relative and reference links to the moved article, keeping the anchor', () => {
    const text = [
      'See [a](cancel.md#how), [b](/orders/cancel.md), [c](<cancel.md>) and [d][ref].',
      '[e](other.md) and [f](https://example.com/orders/cancel.md) stay.',
      '[ref]: ./cancel.md',
    ].join('\n');
    expect(relinkTo(text, 'orders/track.md', 'orders/cancel', 'account/close my order.md')).toBe(
      [
        'See [a](../account/close%20my%20order.md#how), [b](/account/close%20my%20order.md), [c](<../account/close%20my%20order.md>) and [d][ref].',
        '[e](other.md) and [f](https://example.com/orders/cancel.md) stay.',
        '[ref]: ../account/close%20my%20order.md',
      ].join('\n'),
    );
  });

  it("re-aims the moved article's own relative links and images from its new folder", () => {
    const text = '[x](track.md) [self](cancel.md#top) ![i](../images/a.png) [abs](/images/b.png) [#](#top)';
    expect(relinkMoved(text, 'orders/cancel.md', 'account/deep/cancel.md')).toBe(
      '[x](../../orders/track.md) [self](cancel.md#top) ![i](../../images/a.png) [abs](/images/b.png) [#](#top)',
    );
  });
});

describe('uploaded images and commit authors', () => {
  it('knows an image by its bytes, not its name, and refuses SVG', () => {
    expect(sniffImage(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0]))).toBe('png');
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
    expect(sniffImage(Buffer.from('GIF89a....'))).toBe('gif');
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
  });

  it('gives safe file names whatever was uploaded', () => {
    expect(safeImageName('../../etc/Passwd.PNG', 'png')).toBe('passwd.png');
    expect(safeImageName('C:\\Users\\me\\Écran 1.jpeg', 'jpg')).toBe('ecran-1.jpg');
    expect(safeImageName('.htaccess', 'gif')).toBe('image.gif');
    expect(safeImageName('ü'.repeat(5), 'webp')).toBe('uuuuu.webp');
  });

  it('cannot be tricked into a second header by a name with brackets or line breaks', () => {
    expect(authorArg({ name: 'Eve <x@y>\nSigned-off-by: Mallory', email: 'eve@example.com>' })).toBe(
      'Eve x@ySigned-off-by: Mallory <eve@example.com>',
    );
    expect(authorArg({ name: '  ', email: '' })).toBe('Parley editor <editor@parley.invalid>');
  });
});

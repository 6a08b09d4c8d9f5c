import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../server/lib/clock.ts';
import { LocalFileStorage } from '../../server/storage/files/local-file-storage.ts';
import { startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const SHOP = 'http://shop.test';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A PNG whose header claims 50,000 × 50,000 pixels (10 GB decoded) in under 100 bytes. */
function pngBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0);
  ihdr.writeUInt32BE(50_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function start(limits: { maxFileBytes: number; maxConversationBytes: number }) {
  const dir = await mkdtemp(join(tmpdir(), 'parley-att-'));
  const storage = new LocalFileStorage(dir);
  const clock = fakeClock(new Date());
  const server = await startTestServer({
    compose: { clock },
    app: { attachments: { storage, secret: 'test-secret-test-secret-test-secret', ...limits } },
  });
  const upload = (
    conversationId: string,
    auth: { token?: string; cookie?: string },
    body: Buffer,
    name = 'f',
  ) =>
    fetch(`${server.url}/api/attachments/${conversationId}?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: {
        origin: SHOP,
        'content-type': 'application/octet-stream',
        ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
        ...(auth.cookie ? { cookie: auth.cookie } : {}),
      },
      body: new Uint8Array(body),
    });
  return {
    server,
    storage,
    clock,
    upload,
    stop: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('attachments over HTTP', () => {
  let t: Awaited<ReturnType<typeof start>>;
  let server: Server;
  beforeAll(async () => {
    t = await start({ maxFileBytes: 64 * 1024, maxConversationBytes: 150 * 1024 });
    server = t.server;
  });
  afterAll(() => t.stop());

  it('takes a visitor photo, strips its metadata and serves it inline, sandboxed, from a signed URL', async () => {
    const v = await server.visitorWithConversation('My parcel arrived broken');
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({ IFD0: { ImageDescription: 'home-at-51.5N-0.12W', Copyright: 'Visitor' } })
      .toBuffer();
    expect(photo.includes('home-at-51.5N')).toBe(true);
    const res = await t.upload(v.conversation.id, { token: v.token }, photo, 'damage.jpg');
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP);
    const body = await res.json();
    expect(body.attachment).toMatchObject({ name: 'damage.jpg', type: 'image/jpeg', width: 40, height: 30 });
    expect(body.url).toMatch(/^\/api\/attachments\/f\/.+\?e=\d+&s=[\w-]{43}$/);

    const file = await fetch(`${server.url}${body.url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''damage.jpg`);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    const served = Buffer.from(await file.arrayBuffer());
    expect(served.includes('home-at-51.5N')).toBe(false);
    const meta = await sharp(served).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([40, 30]);
  });

  it('lets an agent reply with a PDF, served as a download (never inline)', async () => {
    const v = await server.visitorWithConversation('Send me the invoice');
    const agent = await server.agent('Ada');
    const res = await t.upload(v.conversation.id, { cookie: agent.cookie }, pdf, 'invoice.pdf');
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.attachment).toMatchObject({ type: 'application/pdf', size: pdf.length });
    const file = await fetch(`${server.url}${body.url}`);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''invoice.pdf`);
    expect(file.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
  });

  it('refuses by content: a .png that is really HTML, an SVG with script, an HTML page as text', async () => {
    const v = await server.visitorWithConversation('Here is a file');
    const cases: Array<[string, string]> = [
      ['photo.png', '<html><body><script>alert(document.cookie)</script></body></html>'],
      ['logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['notes.txt', '<!DOCTYPE html><p>hi</p>'],
      ['img.gif', '<img src=x onerror=alert(1)>'],
    ];
    for (const [name, content] of cases) {
      const res = await t.upload(v.conversation.id, { token: v.token }, Buffer.from(content), name);
      expect(res.status, name).toBe(415);
      expect((await res.json()).error.code).toBe('file_type_not_allowed');
    }
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.alloc(40)]);
    expect((await t.upload(v.conversation.id, { token: v.token }, zip, 'a.png')).status).toBe(415);
    const text = await t.upload(
      v.conversation.id,
      { token: v.token },
      Buffer.from('Order #1234, box crushed'),
      'n.txt',
    );
    expect(text.status).toBe(201);
    const file = await fetch(`${server.url}${(await text.json()).url}`);
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('refuses an image whose header claims huge dimensions before decoding it', async () => {
    const v = await server.visitorWithConversation('Photo');
    const res = await t.upload(v.conversation.id, { token: v.token }, pngBomb(), 'bomb.png');
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/too large \(50000×50000\)/);
    expect(await t.storage.list(v.conversation.id)).toEqual([]);
  });

  it('limits each file and each conversation', async () => {
    const v = await server.visitorWithConversation('Many files');
    const big = await t.upload(
      v.conversation.id,
      { token: v.token },
      Buffer.alloc(65 * 1024, 'a'),
      'big.txt',
    );
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload_too_large');
    for (const c of ['a', 'b']) {
      const ok = await t.upload(
        v.conversation.id,
        { token: v.token },
        Buffer.alloc(60 * 1024, c),
        `${c}.txt`,
      );
      expect(ok.status).toBe(201);
    }
    const third = await t.upload(
      v.conversation.id,
      { token: v.token },
      Buffer.alloc(60 * 1024, 'c'),
      'c.txt',
    );
    expect(third.status).toBe(413);
    expect((await third.json()).error.message).toMatch(/conversation has reached its limit/);
  });

  it('stores a retried upload once and answers with the same file', async () => {
    const v = await server.visitorWithConversation('Retry');
    const bytes = Buffer.from('the same receipt text');
    const first = await t.upload(v.conversation.id, { token: v.token }, bytes, 'r.txt');
    const again = await t.upload(v.conversation.id, { token: v.token }, bytes, 'r.txt');
    expect([first.status, again.status]).toEqual([201, 200]);
    expect((await again.json()).attachment.id).toBe((await first.json()).attachment.id);
    expect(await t.storage.list(v.conversation.id)).toHaveLength(1);
  });

  it('gives another visitor 404, for uploads, links and tampered URLs alike', async () => {
    const owner = await server.visitorWithConversation('Mine');
    const other = await server.visitorWithConversation('Someone else');
    const up = await t.upload(
      owner.conversation.id,
      { token: owner.token },
      Buffer.from('private note'),
      'p.txt',
    );
    const { attachment, url } = await up.json();

    const intrude = await t.upload(owner.conversation.id, { token: other.token }, Buffer.from('x'), 'x.txt');
    expect(intrude.status).toBe(404);
    const linkPath = `/api/attachments/${owner.conversation.id}/${attachment.id}/link?name=p.txt`;
    const foreign = await fetch(`${server.url}${linkPath}`, {
      headers: { origin: SHOP, authorization: `Bearer ${other.token}` },
    });
    expect(foreign.status).toBe(404);
    const mine = await fetch(`${server.url}${linkPath}`, {
      headers: { origin: SHOP, authorization: `Bearer ${owner.token}` },
    });
    expect(mine.status).toBe(200);

    const unsigned = url.replace(/\?.*$/, '');
    const moved = url.replace(owner.conversation.id, other.conversation.id);
    const renamed = url.replace('/p.txt?', '/p.html?');
    const forged = url.replace(/s=[\w-]+/, `s=${'A'.repeat(43)}`);
    for (const path of [unsigned, moved, renamed, forged]) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${server.url}${url}`)).status).toBe(200);
    const anonymous = await fetch(`${server.url}${linkPath}`, { headers: { origin: SHOP } });
    expect(anonymous.status).toBe(401);
  });

  it('stops serving a signed URL when it expires (one hour by default)', async () => {
    const v = await server.visitorWithConversation('Expiry');
    const up = await t.upload(v.conversation.id, { token: v.token }, Buffer.from('expiring'), 'e.txt');
    const { url, expiresAt } = await up.json();
    expect(expiresAt - t.clock.now().getTime()).toBeGreaterThan(3590_000);
    expect((await fetch(`${server.url}${url}`)).status).toBe(200);
    t.clock.advance(3601_000);
    expect((await fetch(`${server.url}${url}`)).status).toBe(404);
  });

  it('refuses uploads from a page on an origin that may not embed the widget', async () => {
    const v = await server.visitorWithConversation('Origin');
    const res = await fetch(`${server.url}/api/attachments/${v.conversation.id}?name=a.txt`, {
      method: 'POST',
      headers: { origin: 'http://evil.test', authorization: `Bearer ${v.token}` },
      body: 'hello',
    });
    expect(res.status).toBe(403);
  });
});

describe('attachment rate limits', () => {
  let t: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    t = await start({ maxFileBytes: 64 * 1024, maxConversationBytes: 10 * 1024 * 1024 });
  });
  afterAll(() => t.stop());

  it('allows 20 uploads at once per visitor and 60 per address, then answers 429', async () => {
    const visitors: Awaited<ReturnType<Server['visitorWithConversation']>>[] = [];
    for (let i = 0; i < 4; i++) visitors.push(await t.server.visitorWithConversation(`Visitor ${i}`));
    const send = (v: (typeof visitors)[number], n: number) =>
      t.upload(v.conversation.id, { token: v.token }, Buffer.from(`${v.conversation.id} file ${n}`), 'n.txt');
    const [a, b, c, d] = visitors as [
      (typeof visitors)[number],
      (typeof visitors)[number],
      (typeof visitors)[number],
      (typeof visitors)[number],
    ];
    for (let n = 0; n < 20; n++) expect((await send(a, n)).status).toBe(201);
    const tooMany = await send(a, 20);
    expect(tooMany.status).toBe(429);
    expect((await tooMany.json()).error.message).toBe('Too many uploads; try again in a minute');
    for (const v of [b, c]) for (let n = 0; n < 20; n++) expect((await send(v, n)).status).toBe(201);
    const fromAddress = await send(d, 0);
    expect(fromAddress.status).toBe(429);
    expect((await fromAddress.json()).error.message).toMatch(/from this address/);
  });
});

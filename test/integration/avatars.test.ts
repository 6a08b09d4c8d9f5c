import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/database.ts';
import { startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#c2410c' } })
    .jpeg()
    .withExif({ IFD0: { Copyright: 'Secret Place 51.5N' } })
    .toBuffer();

for (const { name, target } of databaseTargets()) {
  describe(`agents' pictures on ${name}`, () => {
    let server: Server;

    beforeAll(async () => {
      server = await startTestServer({ database: target() });
    });
    afterAll(async () => {
      await server.close();
    });

    const upload = (cookie: string, body: Buffer, type = 'image/jpeg') =>
      fetch(`${server.url}/api/console/avatar`, {
        method: 'PUT',
        headers: { cookie, 'content-type': type },
        body: new Blob([new Uint8Array(body)]),
      });

    it('takes a photo, stores a small square without its metadata, and shows it to visitors in the team', async () => {
      const { cookie, row } = await server.agent('Grace Hopper');
      await server.services.agents.setStatus(row.id, 'online');
      const res = await upload(cookie, await photo(900, 600));
      expect(res.status).toBe(200);
      const { avatar } = (await res.json()) as { avatar: string };
      expect(avatar).toMatch(new RegExp(`^/api/avatars/${row.id}/[0-9a-f]{16}\\.webp$`));

      const served = await fetch(`${server.url}${avatar}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/webp');
      expect(served.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(served.headers.get('cache-control')).toContain('immutable');
      const bytes = Buffer.from(await served.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe('webp');
      expect([meta.width, meta.height]).toEqual([160, 160]);
      expect(meta.exif).toBeUndefined();
      expect(bytes.includes(Buffer.from('Secret Place'))).toBe(false);

      const own = await fetch(`${server.url}/api/console/avatar`, { headers: { cookie } });
      expect(await own.json()).toEqual({ avatar });
      // The widget's team line names up to five agents online: on a database shared with other tests, Grace may
      // not be among the first five, so this is checked where the database is the test's own.
      if (name === 'sqlite') {
        const team = (await (await fetch(`${server.url}/api/visitor/availability`)).json()).team;
        expect(team).toContainEqual({ name: 'Grace Hopper', avatar });
      }
      // Colleagues see it beside her replies in the console.
      const pictures = await fetch(`${server.url}/api/console/avatar/team`, { headers: { cookie } });
      expect((await pictures.json()).pictures).toContainEqual({ name: 'Grace Hopper', avatar });
    });

    it('refuses what is not a picture, and a picture too large', async () => {
      const { cookie } = await server.agent('Mallory');
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      const refused = await upload(cookie, svg, 'image/png');
      expect(refused.status).toBe(415);
      expect((await refused.json()).error.code).toBe('file_type_not_allowed');
      const huge = await upload(cookie, Buffer.alloc(3 * 1024 * 1024, 1));
      expect(huge.status).toBe(413);
      const anonymous = await fetch(`${server.url}/api/console/avatar`, {
        method: 'PUT',
        body: new Blob([await photo(10, 10)]),
      });
      expect(anonymous.status).toBe(401);
    });

    it('goes back to initials, and an old link leads to the current picture', async () => {
      const { cookie, row } = await server.agent('Linus');
      const first = (await (await upload(cookie, await photo(200, 200))).json()).avatar as string;
      const second = (
        await (
          await upload(
            cookie,
            await sharp({ create: { width: 300, height: 300, channels: 3, background: '#1d4ed8' } })
              .png()
              .toBuffer(),
            'image/png',
          )
        ).json()
      ).avatar as string;
      expect(second).not.toBe(first);
      const old = await fetch(`${server.url}${first}`, { redirect: 'manual' });
      expect(old.status).toBe(302);
      expect(old.headers.get('location')).toBe(second);

      const removed = await fetch(`${server.url}/api/console/avatar`, {
        method: 'DELETE',
        headers: { cookie },
      });
      expect(await removed.json()).toEqual({ avatar: null });
      expect((await fetch(`${server.url}${second}`)).status).toBe(404);
      expect(await server.services.avatars.url(row.id)).toBeNull();
    });
  });
}

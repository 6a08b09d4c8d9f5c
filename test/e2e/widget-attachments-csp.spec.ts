import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { siteWithAgent } from './support/site-with-agent.ts';
import { adminSessionCookie } from './support/widget-agent.ts';
import { hostPage, startChat } from './support/widget-site.ts';

// The host page sends the strict policy docs/embedding.md tells site owners to set (Parley's origin in
// script-src, connect-src with its socket, and img-src for photos), and nothing else: no 'unsafe-inline'.
const cspHeaders: Record<string, string> = {};
const env = siteWithAgent({ '/strict': { html: hostPage(), headers: cspHeaders } });
test.beforeAll(() => {
  const p = env.site.parley.url;
  cspHeaders['content-security-policy'] =
    `default-src 'self'; script-src 'self' ${p}; connect-src ${p} ${p.replace('http://', 'ws://')}; ` +
    `img-src ${p}; style-src 'self'; object-src 'none'; base-uri 'none'`;
});

test('under a strict host CSP a visitor attaches, previews and downloads files with no violation', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(`${env.site.host.url}/strict`);
  await startChat(page, 'A photo of the dent, under a strict policy');
  const created = await env.agent.waitForConversation('A photo of the dent, under a strict policy');
  await env.agent.claim(created.id);
  const log = page.getByRole('log', { name: 'Conversation' });

  // Attach: the upload (XMLHttpRequest to Parley) and the lazily loaded upload code both pass the policy.
  const photo = await sharp({ create: { width: 100, height: 80, channels: 3, background: '#36a' } })
    .jpeg()
    .toBuffer();
  await page
    .getByTestId('attach-input')
    .setInputFiles({ name: 'dent.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.getByRole('progressbar', { name: 'dent.jpg: 100%' })).toBeVisible();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('The dent');
  await box.press('Enter');

  // Preview: the thumbnail and the full-size view really load (the image decoded, not blocked).
  const thumb = log.getByRole('button', { name: 'Open dent.jpg full size' });
  await expect(thumb.locator('img')).toBeVisible();
  await expect
    .poll(() => thumb.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBe(100);
  await thumb.click();
  const viewer = page.getByRole('dialog', { name: 'dent.jpg' });
  await expect
    .poll(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBe(100);
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  // Escape closed the picture only: the chat is still open, focus back on the thumbnail.
  await expect(log).toBeVisible();
  await expect(thumb).toBeFocused();

  // Download: the agent replies with a PDF; clicking its card downloads the file.
  const cookie = await adminSessionCookie(env.site.parley);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const up = await fetch(`${env.site.parley.url}/api/attachments/${created.id}?name=label.pdf`, {
    method: 'POST',
    headers: { cookie, origin: env.site.parley.url },
    body: new Uint8Array(pdf),
  });
  expect(up.status).toBe(201);
  const { attachment } = await up.json();
  await env.agent.request('message:send', {
    conversationId: created.id,
    clientId: 'e2e-csp-pdf-reply-01',
    text: 'Your return label',
    attachments: [attachment],
  });
  const card = log.getByRole('link', { name: 'Download label.pdf' });
  await expect(card).toHaveAttribute('href', /\/api\/attachments\/f\//);
  const downloaded = page
    .context()
    .waitForEvent('page')
    .then((p) => p.waitForEvent('download'));
  const [download] = await Promise.all([
    Promise.race([page.waitForEvent('download'), downloaded]),
    card.click(),
  ]);
  expect(download.suggestedFilename()).toBe('label.pdf');
  const bytes = await download.createReadStream().then(async (s) => {
    const parts: Buffer[] = [];
    for await (const c of s) parts.push(c as Buffer);
    return Buffer.concat(parts);
  });
  expect(bytes.toString('latin1')).toContain('%PDF-1.4');

  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual(
    [],
  );
});

test('a first message carries a photo: it waits, the message starts the chat, the photo follows it', async ({
  page,
}) => {
  await page.goto(`${env.site.host.url}/strict`);
  await page.getByRole('button', { name: 'Open help' }).click();
  await page.getByRole('button', { name: 'Talk to a person' }).click();
  const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a36' } })
    .png()
    .toBuffer();
  await page
    .getByTestId('attach-input')
    .setInputFiles({ name: 'crushed.png', mimeType: 'image/png', buffer: photo });
  await expect(page.getByText('Goes with your message')).toBeVisible();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('The box came crushed, photo attached');
  await box.press('Enter');

  const log = page.getByRole('log', { name: 'Conversation' });
  const thumb = log.getByRole('button', { name: 'Open crushed.png full size' });
  await expect
    .poll(() => thumb.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBe(64);
  // The agent sees the question first, then the photo, each once.
  const created = await env.agent.waitForConversation('The box came crushed, photo attached');
  await expect
    .poll(async () =>
      (await env.agent.open(created.id)).messages.map((m) => [m.text, m.attachments?.length ?? 0]),
    )
    .toEqual([
      ['The box came crushed, photo attached', 0],
      ['crushed.png', 1],
    ]);
});

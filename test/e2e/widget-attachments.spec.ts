import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { siteWithAgent } from './support/site-with-agent.ts';
import { adminSessionCookie } from './support/widget-agent.ts';
import { startChat } from './support/widget-site.ts';

const env = siteWithAgent();

test('a visitor attaches a photo, the agent gets it and replies with a PDF the visitor opens', async ({
  page,
}) => {
  await page.goto(env.site.host.url);
  await startChat(page, 'My parcel arrived damaged');
  const created = await env.agent.waitForConversation('My parcel arrived damaged');
  await env.agent.claim(created.id);
  const log = page.getByRole('log', { name: 'Conversation' });

  // The visitor picks a photo with the paperclip: it uploads with its progress, then goes with the caption.
  const photo = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#a63' } })
    .jpeg()
    .withExif({ IFD0: { ImageDescription: 'home-location' } })
    .toBuffer();
  await page
    .getByTestId('attach-input')
    .setInputFiles({ name: 'damage.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.getByRole('progressbar', { name: 'damage.jpg: 100%' })).toBeVisible();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('Here is the box');
  await box.press('Enter');
  await expect(log.getByText('Here is the box')).toBeVisible();
  await expect(log.getByRole('button', { name: 'Open damage.jpg full size' }).locator('img')).toBeVisible();

  // An image pasted into the message box (a screenshot from the clipboard) uploads the same way.
  const shot = await sharp({ create: { width: 60, height: 40, channels: 4, background: '#3a6' } })
    .png()
    .toBuffer();
  await box.evaluate(
    (el, bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, composed: true }));
    },
    [...shot],
  );
  await expect(page.getByRole('progressbar', { name: 'pasted.png: 100%' })).toBeVisible();
  await box.fill('And a screenshot');
  await box.press('Enter');
  await expect(log.getByRole('button', { name: 'Open pasted.png full size' }).locator('img')).toBeVisible();

  const detail = await env.agent.open(created.id);
  const sent = detail.messages.find((m) => m.text === 'Here is the box');
  expect(sent?.attachments).toEqual([expect.objectContaining({ name: 'damage.jpg', type: 'image/jpeg' })]);

  // The agent replies with a PDF (uploaded with the session, sent by reference).
  const cookie = await adminSessionCookie(env.site.parley);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const up = await fetch(`${env.site.parley.url}/api/attachments/${created.id}?name=invoice.pdf`, {
    method: 'POST',
    headers: { cookie, origin: env.site.parley.url },
    body: new Uint8Array(pdf),
  });
  expect(up.status).toBe(201);
  const { attachment } = await up.json();
  await env.agent.request('message:send', {
    conversationId: created.id,
    clientId: 'e2e-pdf-reply-0001',
    text: 'Your return label',
    attachments: [attachment],
  });
  const card = log.getByRole('link', { name: 'Download invoice.pdf' });
  await expect(card).toHaveAttribute('href', /\/api\/attachments\/f\//);
  const file = await page.request.get((await card.getAttribute('href')) ?? '');
  expect(file.status()).toBe(200);
  expect(file.headers()['content-disposition']).toBe(`attachment; filename*=UTF-8''invoice.pdf`);
  expect(file.headers()['content-security-policy']).toBe("sandbox; default-src 'none'");
});

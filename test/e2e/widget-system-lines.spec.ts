import { expect, test } from '@playwright/test';
import { siteWithAgent } from './support/site-with-agent.ts';

const env = siteWithAgent();

test('a Spanish visitor reads in Spanish that an agent joined, and so does the host page', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'es-ES' });
  const page = await context.newPage();
  await page.goto(env.site.host.url);
  await page.evaluate(() => {
    const w = window as unknown as { Parley: (...a: unknown[]) => void; heard: string[] };
    w.heard = [];
    w.Parley('on', 'message', (e: { text: string }) => w.heard.push(e.text));
  });
  await page.getByRole('button', { name: 'Abrir ayuda' }).click();
  await page.getByRole('button', { name: 'Hablar con una persona' }).click();
  const box = page.getByRole('textbox', { name: 'Mensaje' });
  await box.fill('Mi pedido no ha llegado');
  await box.press('Enter');
  const { id } = await env.agent.waitForConversation('Mi pedido no ha llegado');

  await env.agent.claim(id);
  const agentName = (await env.agent.open(id)).conversation.agent?.name ?? '';
  expect(agentName).not.toBe('');
  const log = page.getByRole('log', { name: 'Conversación' });
  await expect(log.getByText(`${agentName} se ha unido a la conversación`, { exact: true })).toBeVisible();
  await expect(log.getByText(/joined the conversation/)).toHaveCount(0);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { heard: string[] }).heard))
    .toEqual([`${agentName} se ha unido a la conversación`]);
  await context.close();
});

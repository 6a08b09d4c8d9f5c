import { test } from '@playwright/test';
import { signInAgent, type TestAgent } from './widget-agent.ts';
import { startWidgetSite, type WidgetSite } from './widget-site.ts';

/** For a spec file: Parley and a host site on another origin (with extra pages), one agent online, for all its tests. */
export function siteWithAgent(pages: Parameters<typeof startWidgetSite>[0] = {}): {
  site: WidgetSite;
  agent: TestAgent;
} {
  const env = {} as { site: WidgetSite; agent: TestAgent };
  test.beforeAll(async () => {
    env.site = await startWidgetSite(pages);
    env.agent = await signInAgent(env.site.parley);
  });
  test.afterAll(async () => {
    env.agent?.close();
    await env.site?.stop();
  });
  return env;
}

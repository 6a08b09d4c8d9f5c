import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../server/domain/knowledge-base/render-markdown.ts';

const render = (md: string, path = 'guides/setup.md') => renderMarkdown(md, path, 0);

describe('rendering article Markdown safely', () => {
  it('escapes raw HTML, including script tags and event-handler attributes', () => {
    const { html } = render(
      'Hi <script>alert(1)</script> <img src=x onerror="alert(2)"> <b onclick="x()">b</b>',
    );
    expect(html).not.toMatch(/<script|<img src=x|<b onclick/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('drops javascript:, vbscript: and data: links, even when hidden with entities or whitespace', () => {
    const { html } = render(
      '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](&#106;avascript:alert(1)) [d](data:text/html;base64,PHNjcmlwdD4=) [e](vbscript:x) [f](<java\tscript:alert(1)>)',
    );
    expect(html).not.toMatch(/href="(?:javascript|data|vbscript):/i);
    expect(html).not.toMatch(/href="[^"]*script:alert/i);
  });

  it('keeps http(s), mailto and relative links, and opens external ones in a new tab without referrer', () => {
    const { html } = render(
      '[site](https://example.com/a?b=1) [mail](mailto:help@example.com) [page](/contact)',
    );
    expect(html).toContain(
      '<a href="https://example.com/a?b=1" rel="noopener noreferrer" target="_blank">site</a>',
    );
    expect(html).toContain('<a href="mailto:help@example.com">mail</a>');
    expect(html).toContain('<a href="/contact">page</a>');
  });

  it('keeps HTML entities as text and never double-decodes them into markup', () => {
    const { html } = render('Fish &amp; chips, 3 &lt; 4, &lt;script&gt;');
    expect(html).toContain('Fish &amp; chips, 3 &lt; 4, &lt;script&gt;');
  });

  it('gives headings unique ids and splits the article into sections at h2/h3', () => {
    const r = render('Lead text.\n\n## Set up\n\nOne.\n\n### Set up\n\nTwo.\n\n## Done!\n');
    expect(r.html).toContain('<h2 id="set-up">Set up</h2>');
    expect(r.html).toContain('<h3 id="set-up-2">Set up</h3>');
    expect(r.sections.map((s) => [s.id, s.heading, s.text])).toEqual([
      ['', null, 'Lead text.'],
      ['set-up', 'Set up', 'One.'],
      ['set-up-2', 'Set up', 'Two.'],
      ['done', 'Done!', ''],
    ]);
  });

  it('rewrites links to other articles to /kb/<slug> and marks them for inline opening', () => {
    const r = render('See [billing](../billing/Pay%20Now.md#card-details) and [local](#set-up).');
    expect(r.html).toContain(
      '<a href="/kb/billing/pay-now#card-details" data-kb-slug="billing/pay-now">billing</a>',
    );
    expect(r.links).toEqual([{ slug: 'billing/pay-now', anchor: 'card-details', line: 1 }]);
    expect(r.localAnchors).toEqual([{ anchor: 'set-up', line: 1 }]);
  });

  it('serves relative images from the assets API and refuses images outside the folder', () => {
    const r = render('![flow](img/flow.png)\n![escape](../../../etc/x.png)\n![text](notes.txt)');
    expect(r.html).toContain('<img src="/api/kb/assets/guides/img/flow.png" alt="flow" loading="lazy">');
    expect(r.html).not.toContain('etc/x.png');
    expect(r.html).not.toContain('notes.txt"');
    expect(r.images.map((i) => i.path)).toEqual(['guides/img/flow.png', undefined, undefined]);
  });

  it('reports the file line of each link so problems can be located', () => {
    const r = renderMarkdown('Intro\n\nfirst line\nsecond [x](other.md) line\n', 'a.md', 4);
    expect(r.links[0]?.line).toBe(8);
  });
});

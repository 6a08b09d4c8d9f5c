import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKnowledgeBase } from '../../../server/domain/knowledge-base/check.ts';
import { parseArticle } from '../../../server/domain/knowledge-base/parse-article.ts';
import { dedupeSlugs, validateArticles } from '../../../server/domain/knowledge-base/validate.ts';

const parsed = (relPath: string, text: string) => {
  const a = parseArticle({ relPath, text }).article;
  if (!a) throw new Error(`fixture ${relPath} did not parse`);
  return a;
};

describe('validating knowledge-base content', () => {
  it('reports links to missing articles and missing anchors with their lines', () => {
    const a = parsed('a.md', '---\ntitle: A\n---\nSee [b](b.md#nope) and [c](c.md).\n\n[here](#missing)\n');
    const b = parsed('b.md', '---\ntitle: B\n---\n## Real\n');
    const problems = validateArticles([a, b], { assetExists: () => true });
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
      'a.md:4: broken link: "b" has no heading "#nope"',
      'a.md:4: broken link: no article "c"',
      'a.md:6: broken link: no heading "#missing" in this article',
    ]);
  });

  it('accepts links whose article and anchor exist', () => {
    const a = parsed('x/a.md', '---\ntitle: A\n---\n[b](../y/b.md#real-part)\n');
    const b = parsed('y/b.md', '---\ntitle: B\n---\n## Real part\n');
    expect(validateArticles([a, b], { assetExists: () => true })).toEqual([]);
  });

  it('reports missing images and images outside the folder', () => {
    const a = parsed('a.md', '---\ntitle: A\n---\n![x](pics/x.png)\n\n![y](../../y.png)\n');
    const messages = validateArticles([a], { assetExists: () => false }).map((p) => p.message);
    expect(messages).toEqual([
      'missing image "pics/x.png"',
      'image "../../y.png" is outside the knowledge base or not png/jpg/gif/webp/svg',
    ]);
  });

  it('reports duplicate slugs once and keeps the first file', () => {
    const { kept, problems } = dedupeSlugs([parsed('A.md', '# One\n'), parsed('a.md', '# Two\n')]);
    expect(kept.map((k) => k.title)).toEqual(['One']);
    expect(problems[0]?.message).toMatch(/duplicate slug "a"/);
  });

  it('warns about an empty body and refuses a missing title', () => {
    expect(parseArticle({ relPath: 'e.md', text: '---\ntitle: E\n---\n' }).problems[0]).toMatchObject({
      severity: 'warning',
      message: 'article body is empty',
    });
    const untitled = parseArticle({ relPath: 'u.md', text: 'text only' });
    expect(untitled.article).toBeUndefined();
    expect(untitled.problems[0]?.severity).toBe('error');
  });

  it('checks a whole folder into file:line lines, errors and warnings (what kb:check prints)', async () => {
    const report = await checkKnowledgeBase(join(import.meta.dirname, '../../fixtures/kb-broken-links'));
    expect(report.errors).toBe(6);
    expect(report.warnings).toBe(1);
    expect(report.lines).toContain('guide.md:5: error: broken link: no article "missing-article"');
    expect(report.lines).toContain('guide.md:8: error: missing image "pictures/none.png"');
    expect(report.lines).toContain(
      'guide.md:3: error: front matter field "order" has the wrong type (expected a number)',
    );
  });

  it('finds no problems in a clean knowledge base', async () => {
    const report = await checkKnowledgeBase(join(import.meta.dirname, '../../fixtures/kb-basic'));
    expect(report.lines).toEqual([]);
  });
});

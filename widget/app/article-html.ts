/**
 * Prepares the server-rendered (already safe) article HTML for a host page of another origin:
 * root-relative URLs would resolve against the host page, so they are made absolute against Parley's base,
 * and links that leave the knowledge base open in a new tab. Parsed in a <template>, so nothing loads early.
 */
export function prepareArticleHtml(html: string, base: string): string {
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  const abs = (v: string) => {
    try {
      return new URL(v, base).href;
    } catch {
      return v;
    }
  };
  for (const img of tpl.content.querySelectorAll('img[src]'))
    img.setAttribute('src', abs(img.getAttribute('src')!));
  for (const a of tpl.content.querySelectorAll('a[href]')) {
    if (a.hasAttribute('data-kb-slug') || a.getAttribute('href')!.startsWith('#')) continue;
    a.setAttribute('href', abs(a.getAttribute('href')!));
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
  }
  return tpl.innerHTML;
}

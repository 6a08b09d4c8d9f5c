/** Adds CSS to a shadow root and returns a function that replaces it (the theme changes when settings arrive). */
export function adopt(root: ShadowRoot, css: string): (css: string) => void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return (next) => sheet.replaceSync(next);
  } catch {
    // Browsers without constructable sheets: a <style> inside the shadow root (never in the host document).
    const el = document.createElement('style');
    el.textContent = css;
    root.appendChild(el);
    return (next) => {
      el.textContent = next;
    };
  }
}

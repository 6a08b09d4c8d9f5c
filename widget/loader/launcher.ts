import { themeFor } from '../ui/color.ts';
import type { WidgetConfig } from './contract.ts';
import { labelsFor } from './labels.ts';
import css from './launcher.css?inline';
import { adopt } from './shadow.ts';

// Static markup (no user data). The launcher's name ("Open help" in the visitor's language) does not change with
// the unread count, which is its description.
const MARKUP =
  '<div class=parley><button class=launcher aria-expanded=false aria-describedby=parley-unread>' +
  '<svg viewBox="0 0 24 24" aria-hidden=true><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z"/></svg>' +
  '<svg viewBox="0 0 24 24" aria-hidden=true><path d="M6 9l6 6 6-6"/></svg>' +
  '<span class=label aria-hidden=true></span><span class=badge hidden></span></button>' +
  '<span id=parley-unread hidden></span><div class=app></div></div>';

type El = HTMLElement;

export interface Launcher {
  root: ShadowRoot;
  button: HTMLButtonElement;
  container: HTMLElement;
  apply(config: WidgetConfig): void;
  setOpen(open: boolean): void;
  setUnread(count: number, description: string): void;
}

/** One host element with an open shadow root holding the launcher and the (empty) app container. */
export function createLauncher(): Launcher {
  // A custom element name: page rules aimed at `div` (transforms, filters) do not reach the widget's host.
  const host = document.createElement('parley-widget');
  host.id = 'parley-widget';
  const root = host.attachShadow({ mode: 'open' });
  // Markup first: without constructable sheets, adopt() appends <style> elements that innerHTML would remove.
  root.innerHTML = MARKUP;
  adopt(root, css);
  const setTheme = adopt(root, '');
  const wrap = root.firstChild as HTMLElement;
  // The elements in MARKUP's order.
  const [button, unread, container] = wrap.children as unknown as [HTMLButtonElement, El, El];
  const [, , label, badge] = button.children as unknown as [El, El, El, El];
  document.body.appendChild(host);

  return {
    root,
    button,
    container,
    apply(c) {
      const t = themeFor(c.color);
      setTheme(`:host{--p-brand:${t.brand};--p-on-brand:${t.onBrand};--p-accent:${t.accent}}`);
      wrap.dataset.position = c.position;
      const [lang, text, name] = labelsFor(c.locale);
      // The language of the launcher and the panel: screen readers pronounce it; in Arabic the text leads.
      wrap.lang = lang;
      wrap.dir = lang === 'ar' ? 'rtl' : 'ltr';
      label.textContent = c.launcherLabel || text;
      button.setAttribute('aria-label', name);
    },
    setOpen(open) {
      wrap.classList.toggle('open', open);
      button.setAttribute('aria-expanded', String(open));
    },
    setUnread(count, description) {
      badge.hidden = count < 1;
      badge.textContent = count > 9 ? '9+' : String(count);
      unread.textContent = description;
    },
  };
}

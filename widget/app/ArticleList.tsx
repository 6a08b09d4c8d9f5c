import type { JSX } from 'preact';
import { useId, useRef } from 'preact/hooks';

export interface ListItem {
  slug: string;
  title: string;
  /** The section a search matched, shown as a lighter line under the title (not part of a bold title). */
  section?: string | null;
  detail?: JSX.Element | string;
}

interface Props {
  label: string;
  items: ListItem[];
  onOpen: (slug: string, title: string) => void;
  /** ArrowUp on the first item (back to the search box). */
  onExitUp?: () => void;
}

/** Moves focus between the buttons of a list (arrows, Home, End); from the search box, ArrowDown lands here. */
export function moveFocus(list: HTMLElement | null, key: string): boolean {
  const buttons = Array.from(list?.querySelectorAll<HTMLButtonElement>('button.item') ?? []);
  if (!buttons.length) return false;
  const active =
    list?.getRootNode() instanceof ShadowRoot ? (list.getRootNode() as ShadowRoot).activeElement : null;
  const current = buttons.indexOf((active ?? document.activeElement) as HTMLButtonElement);
  const last = buttons.length - 1;
  const next =
    key === 'ArrowDown'
      ? Math.min(current + 1, last)
      : key === 'ArrowUp'
        ? current - 1
        : key === 'Home'
          ? 0
          : key === 'End'
            ? last
            : null;
  if (next === null) return false;
  if (next < 0) return false; // ArrowUp from the first item: let the caller go back to the search box
  buttons[next]?.focus();
  return true;
}

/** Articles as a list of buttons: they open inline, in the panel. */
export function ArticleList({ label, items, onOpen, onExitUp }: Props) {
  const ref = useRef<HTMLUListElement>(null);
  const idPrefix = useId();
  return (
    <ul
      class="list"
      aria-label={label}
      ref={ref}
      onKeyDown={(e) => {
        if (moveFocus(ref.current, e.key)) e.preventDefault();
        else if (e.key === 'ArrowUp' && onExitUp) {
          e.preventDefault();
          onExitUp();
        }
      }}
    >
      {items.map((item, i) => {
        // The title names the button; the snippet describes it, so screen readers announce the title first.
        const detailId = `${idPrefix}-${i}`;
        return (
          <li key={item.slug}>
            <button
              type="button"
              class="item"
              aria-label={item.section ? `${item.title} › ${item.section}` : item.title}
              aria-describedby={item.detail ? detailId : undefined}
              onClick={() => onOpen(item.slug, item.title)}
            >
              {/* Articles may be in another language than the widget: each line takes its own direction. */}
              <span class="item-title" dir="auto">
                {item.title}
              </span>
              {item.section && (
                <span class="item-section" dir="auto">
                  {item.section}
                </span>
              )}
              {item.detail && (
                <span class="item-detail" id={detailId} dir="auto">
                  {item.detail}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

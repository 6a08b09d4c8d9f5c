import { act, cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Header } from '../../../widget/console/shell/Header.tsx';
import type { Screen } from '../../../widget/console/shell/screens.ts';
import { agent } from './fakes.ts';

// The window's width decides whether the secondary controls fold behind Menu, and the stylesheet draws each
// form; jsdom has neither, so here: the choice, and what every form relies on (names, the menu's state, where
// the keyboard goes).
function bar(over: Partial<Parameters<typeof Header>[0]> = {}) {
  const props = {
    me: agent({ name: 'Ada Agent', maxChats: 4 }),
    link: 'connected' as const,
    onStatus: vi.fn(),
    onSignOut: vi.fn(),
    screens: ['inbox', 'replies', 'agents', 'settings', 'gaps'] as Screen[],
    screen: 'inbox' as const,
    onScreen: vi.fn(),
    inUse: 1,
    onAlerts: vi.fn(),
    onHelp: vi.fn(),
    ...over,
  };
  render(<Header {...props} />);
  return props;
}
const menu = () => screen.getByRole('button', { name: 'Menu' });

describe('the top bar', () => {
  it('keeps each screen’s full name when it shows a shorter word', () => {
    bar();
    const nav = screen.getByRole('navigation', { name: 'Console' });
    const names = [...nav.querySelectorAll('button')].map((b) => b.textContent);
    expect(names).toEqual([
      'Inbox',
      'Saved repliesReplies',
      'Agents',
      'Widget & routingWidget',
      'Content gapsGaps',
    ]);
    // The shorter word is for the eye only; the button is named by the full label.
    for (const name of ['Inbox', 'Saved replies', 'Agents', 'Widget & routing', 'Content gaps'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Inbox' }).getAttribute('aria-current')).toBe('page');
  });

  it('names every secondary control, whether it shows on the bar or in the menu', () => {
    bar();
    for (const name of ['Notifications', 'Keyboard shortcuts', 'Your account: Ada Agent', 'Sign out'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(screen.getByRole('switch', { name: 'Available for new conversations' })).toBeTruthy();
    expect(screen.getByText('Chats in use:', { exact: false }).parentElement?.textContent).toBe(
      'Chats in use: 1/4 chats',
    );
  });

  it('folds the secondary controls only when the window is narrower than the whole bar', () => {
    const narrow = vi.fn((query: string) => ({
      matches: query === '(max-width: 1220px)',
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
    }));
    vi.stubGlobal('matchMedia', narrow);
    try {
      // An admin's five screens fold below 1220px; an agent's two only below 980px.
      bar();
      expect(screen.getByRole('banner').classList.contains('is-folded')).toBe(true);
      cleanup();
      bar({ screens: ['inbox', 'replies'] });
      expect(screen.getByRole('banner').classList.contains('is-folded')).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('opens and closes the menu with Menu and says which it is', async () => {
    const user = userEvent.setup();
    bar();
    expect(menu().getAttribute('aria-expanded')).toBe('false');
    expect(menu().getAttribute('aria-controls')).toBe('topbar-more');
    await user.click(menu());
    expect(menu().getAttribute('aria-expanded')).toBe('true');
    await user.click(menu());
    expect(menu().getAttribute('aria-expanded')).toBe('false');
  });

  it('closes the open menu on Escape and gives the keyboard back to Menu', async () => {
    const user = userEvent.setup();
    bar();
    menu().focus();
    await user.keyboard('{Enter}');
    expect(menu().getAttribute('aria-expanded')).toBe('true');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Notifications' }));
    await user.keyboard('{Escape}');
    expect(menu().getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(menu());
  });

  it('closes the menu when a control in it is used, the keyboard back on Menu for the dialog to return to', async () => {
    const user = userEvent.setup();
    const props = bar();
    await user.click(menu());
    await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    expect(props.onHelp).toHaveBeenCalledOnce();
    expect(menu().getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(menu());
    await user.click(menu());
    await user.click(screen.getByRole('button', { name: 'Your account: Ada Agent' }));
    expect(props.onScreen).toHaveBeenCalledWith('account');
    expect(menu().getAttribute('aria-expanded')).toBe('false');
  });

  it('closes the menu on a click or focus elsewhere', async () => {
    const user = userEvent.setup();
    bar();
    await user.click(menu());
    await user.click(screen.getByRole('button', { name: 'Agents' }));
    expect(menu().getAttribute('aria-expanded')).toBe('false');
    await user.click(menu());
    act(() => screen.getByRole('switch').focus());
    expect(menu().getAttribute('aria-expanded')).toBe('false');
  });

  it('marks Menu and the account button while the account screen shows', () => {
    bar({ screen: 'account' });
    expect(menu().classList.contains('is-active')).toBe(true);
    expect(screen.getByRole('button', { name: 'Your account: Ada Agent' }).getAttribute('aria-current')).toBe(
      'page',
    );
  });
});

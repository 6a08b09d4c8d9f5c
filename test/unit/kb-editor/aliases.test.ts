import { describe, expect, it } from 'vitest';
import { withMoveAliases } from '../../../server/domain/kb-editor/aliases.ts';

/** A move writes the old slug into the article's `aliases:`, changing only those lines. */
describe('aliases written by a move', () => {
  it('adds the old slug after the other fields', () => {
    expect(withMoveAliases('---\ntitle: Track\n---\nBody\n', 'orders/track', 'shipping/track')).toBe(
      '---\ntitle: Track\naliases:\n  - orders/track\n---\nBody\n',
    );
  });

  it('keeps the aliases it had, in place, whatever list form they were written in', () => {
    const block = '---\ntitle: T\naliases:\n- very-old\n  # a comment\ndescription: D\n---\nBody\n';
    expect(withMoveAliases(block, 'old', 'new')).toBe(
      '---\ntitle: T\naliases:\n  - very-old\n  - old\ndescription: D\n---\nBody\n',
    );
    expect(withMoveAliases('---\naliases: [a, b]\ntitle: T\n---\n', 'old', 'new')).toBe(
      '---\naliases:\n  - a\n  - b\n  - old\ntitle: T\n---\n',
    );
  });

  it('moving back onto a former slug takes it off the list', () => {
    const moved = withMoveAliases('---\ntitle: T\n---\nBody\n', 'first', 'second');
    const back = withMoveAliases(moved, 'second', 'first');
    expect(back).toBe('---\ntitle: T\naliases:\n  - second\n---\nBody\n');
    const older = '---\ntitle: T\naliases:\n  - first\n  - older\n---\nBody\n';
    expect(withMoveAliases(older, 'second', 'first')).toBe(
      '---\ntitle: T\naliases:\n  - older\n  - second\n---\nBody\n',
    );
  });

  it('does not list an alias twice', () => {
    const text = '---\ntitle: T\naliases: [old]\n---\n';
    expect(withMoveAliases(text, 'old', 'new')).toBe('---\ntitle: T\naliases:\n  - old\n---\n');
  });

  it('gives an article without front matter some, and keeps Windows line ends', () => {
    expect(withMoveAliases('# Title\n\nBody\n', 'old', 'new')).toBe(
      '---\naliases:\n  - old\n---\n# Title\n\nBody\n',
    );
    expect(withMoveAliases('---\r\ntitle: T\r\n---\r\nBody\r\n', 'old', 'new')).toBe(
      '---\r\ntitle: T\r\naliases:\r\n  - old\r\n---\r\nBody\r\n',
    );
  });
});

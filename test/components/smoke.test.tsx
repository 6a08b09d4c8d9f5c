import { render, screen } from '@testing-library/preact';
import { expect, it } from 'vitest';

it('renders a Preact component into jsdom', () => {
  render(<button type="button">Talk to a person</button>);
  expect(screen.getByRole('button', { name: 'Talk to a person' })).toBeTruthy();
});

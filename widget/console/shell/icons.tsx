/** Line icons for the top bar (24-unit grid, drawn in currentColor). Decorative: every button keeps its name. */
const paths: Record<string, string> = {
  inbox: 'M4 13l2.5-7h11l2.5 7v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1zM4 13h4.5l1 2.5h5l1-2.5H20',
  replies: 'M5 5h14a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1h-8l-4 3.5V16H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zM8 9h8M8 12h5',
  agents:
    'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2.5 20c.6-3.6 3.2-6 6.5-6s5.9 2.4 6.5 6M16 4.5a3.5 3.5 0 0 1 0 6.5M18.5 14.5c1.7.9 2.8 2.8 3 5.5',
  settings: 'M4 7h9M17 7h3M4 17h3M11 17h9M15 5v4M9 15v4',
  articles: 'M6 3h9l4 4v14H6zM15 3v4h4M9 12h7M9 16h7',
  gaps: 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5 20 20M8.5 9a2 2 0 1 1 2.5 1.9c-.5.2-.5.6-.5 1.1M10.5 14.2v.1',
  reports: 'M4 20h16M7 16v-5M12 16V6M17 16v-8',
  bell: 'M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15zM10 20.5a2 2 0 0 0 4 0',
  keyboard: 'M3 7h18v11H3zM6.5 10.5h1M10 10.5h1M13.5 10.5h1M17 10.5h.5M6.5 14.5h.5M9 14.5h6M17 14.5h.5',
  signOut: 'M14 4h4a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1h-4M10 16l-4-4 4-4M6 12h9',
};

export function Icon({ name }: { name: string }) {
  const d = paths[name];
  if (!d) return null;
  return (
    <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}

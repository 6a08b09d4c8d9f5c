/** Styles of the readable article pages at /kb (served as a file: the pages carry no inline styles). */
export const ARTICLE_CSS = `
:root { color-scheme: light; --ink: #1f2933; --muted: #52606d; --line: #e4e7eb; --accent: #2457c5; }
* { box-sizing: border-box; }
body { margin: 0; font: 17px/1.65 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
.top { border-bottom: 1px solid var(--line); padding: 14px 24px; }
.top a { color: var(--ink); font-weight: 600; text-decoration: none; }
main { max-width: 44rem; margin: 0 auto; padding: 32px 24px 64px; }
.crumbs { margin: 0 0 8px; font-size: 14px; color: var(--muted); }
.crumbs a { color: var(--muted); }
h1 { font-size: 2rem; line-height: 1.25; margin: 0 0 8px; }
.lead { font-size: 1.1rem; color: var(--muted); margin: 0 0 8px; }
.meta { font-size: 14px; color: var(--muted); margin: 0 0 32px; }
article h2 { font-size: 1.35rem; margin: 2em 0 .5em; }
article h3 { font-size: 1.1rem; margin: 1.5em 0 .4em; }
article img { max-width: 100%; height: auto; border-radius: 6px; }
article pre { background: #f5f7fa; padding: 12px 16px; border-radius: 6px; overflow-x: auto; }
article code { font-size: .92em; }
article table { border-collapse: collapse; }
article th, article td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; }
article blockquote { margin: 1em 0; padding: 0 16px; border-left: 3px solid var(--line); color: var(--muted); }
.related { margin-top: 48px; padding-top: 24px; border-top: 1px solid var(--line); }
.related h2 { font-size: 1.1rem; margin: 0 0 8px; }
.related ul, .index ul { padding-left: 1.2em; }
.related li, .index li { margin: 4px 0; }
.index h2 { font-size: 1.25rem; margin: 1.6em 0 .3em; }
.index p { margin: 0; color: var(--muted); }
@media (max-width: 480px) { body { font-size: 16px; } h1 { font-size: 1.6rem; } main { padding: 24px 16px 48px; } }
`;

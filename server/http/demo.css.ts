/** Styles for the demo host page (served as a file so the page needs no inline styles). */
export const DEMO_CSS = `
body { font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2933; background: #f7f7f5; }
header { display: flex; justify-content: space-between; align-items: center; padding: 16px 32px; background: #fff; border-bottom: 1px solid #e4e4e0; }
nav a { margin-left: 16px; color: #334e68; }
main { max-width: 720px; margin: 48px auto; padding: 0 24px; }
pre { background: #102a43; color: #f0f4f8; padding: 16px; border-radius: 8px; overflow-x: auto; }
`;

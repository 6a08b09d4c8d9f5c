/** The help centre's stylesheet (served as /help/help.css) and the theme sheet built from the widget colour. */
export const HELP_CSS = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
.top{background:var(--accent);color:var(--on-accent)}
.top div{max-width:960px;margin:0 auto;padding:14px 20px;display:flex;align-items:center;gap:12px}
.top a{color:var(--on-accent);font-weight:600;text-decoration:none;font-size:1.1rem}
.top img{height:32px;width:auto}
.langs{margin-left:auto}.langs ul{list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;margin:0;padding:0}
.top .langs a{font-size:.95rem;font-weight:400;text-decoration:underline;display:inline-block;padding:10px 0}
.top .langs a[aria-current]{font-weight:700;text-decoration:none}
.notice{background:#fff8c5;border:1px solid #d4a72c;border-radius:8px;padding:10px 14px}
.note{color:#57606a;font-size:.9rem}
main{max-width:960px;margin:0 auto;padding:24px 20px 64px}
h1{font-size:2rem;line-height:1.25;margin:.4em 0}
h2{font-size:1.3rem;margin:1.6em 0 .5em}
.search{display:flex;gap:8px;margin:16px 0 8px;max-width:640px}
.search input{flex:1;min-width:0;font:inherit;padding:10px 12px;border:1px solid #6e7781;border-radius:8px}
button,.button{font:inherit;padding:10px 16px;border-radius:8px;border:1px solid var(--accent);background:var(--accent);color:var(--on-accent);cursor:pointer;min-height:44px}
button.plain{background:#fff;color:#1f2328;border-color:#6e7781}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:16px;padding:0;list-style:none}
.card{border:1px solid #d0d7de;border-radius:10px;padding:16px}
.card h3{margin:0 0 4px;font-size:1.1rem}
.card p{margin:0 0 8px;color:#57606a}
ul.links{padding-left:1.1em}ul.links li{margin:6px 0}
.crumbs ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:6px;color:#57606a;font-size:.95rem}
.crumbs li+li::before{content:"›";margin-right:6px}
.lead{font-size:1.15rem;color:#424a53}
.meta{color:#57606a;font-size:.95rem}
article{overflow-wrap:anywhere}
article img{max-width:100%;height:auto}
article pre{overflow:auto;background:#f6f8fa;padding:12px;border-radius:8px}
article code{background:#f6f8fa;padding:1px 4px;border-radius:4px}
article table{border-collapse:collapse}article td,article th{border:1px solid #d0d7de;padding:6px 10px}
.box{margin-top:32px;padding:16px;border:1px solid #d0d7de;border-radius:10px}
.box form{display:flex;flex-wrap:wrap;align-items:center;gap:10px;margin:0}
.box p{margin:0 0 8px;font-weight:600}
.results{list-style:none;padding:0}.results li{margin:0 0 20px}
.results a{font-size:1.1rem;font-weight:600}
.results p{margin:4px 0;color:#424a53}
mark{background:#fff3b0;color:inherit}
footer{border-top:1px solid #d0d7de;color:#57606a;font-size:.9rem}
footer div{max-width:960px;margin:0 auto;padding:16px 20px}
`;

/** Relative luminance of a #rrggbb colour (WCAG 2). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/**
 * The widget colour as the page's accent, with text on it black or white (whichever reads better), and links
 * in the accent only when it reads on white at 4.5:1 (a pale brand colour gets dark links instead).
 */
export function themeCss(color: string): string {
  const accent = /^#[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : '#3b5bdb';
  const l = luminance(accent);
  const onAccent = contrast(l, 1) >= contrast(l, 0) ? '#ffffff' : '#000000';
  const link = contrast(l, 1) >= 4.5 ? accent : '#0b4fb3';
  return `:root{--accent:${accent};--on-accent:${onAccent};--link:${link}}\n`;
}

/** Opens the widget from "Talk to a person"; queues the call until /widget.js has loaded (the snippet's own stub). */
export const HELP_JS = `(function(){var w=window;w.Parley=w.Parley||function(){(w.Parley.q=w.Parley.q||[]).push(arguments)};
var b=document.getElementById('talk');if(b)b.addEventListener('click',function(){w.Parley('open')});})();
`;

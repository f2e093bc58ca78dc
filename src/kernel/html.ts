/** Minimal server-rendered pages (sign-in, home) until the web app replaces them. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;font-size:18px;line-height:1.5}
main{max-width:48rem;margin:0 auto;padding:1rem}main.narrow{max-width:28rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input{font-size:1.1rem;padding:.6rem;width:100%;box-sizing:border-box;border:2px solid #555;border-radius:6px}
button,.button{font-size:1.1rem;min-height:44px;padding:.6rem 1.2rem;margin-top:1rem;background:#b71c1c;color:#fff;border:0;border-radius:6px;text-decoration:none;display:inline-block}
.error{color:#b00020}.demo{background:#fff3cd;padding:.5rem;border-radius:6px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left}
code{background:#f2f2f2;padding:0 .2rem}
.accounts{list-style:none;padding:0;margin:0}.accounts li{margin:.5rem 0}
button.account{display:flex;flex-direction:column;align-items:flex-start;width:100%;min-height:44px;margin:0;text-align:left;background:#fff;color:#1a1a1a;border:2px solid #555}
.account-name{font-weight:600}.account-duty{font-size:1rem}.account-login{font-size:.9rem;color:#444}
h3{font-size:1.05rem;margin:1.25rem 0 .25rem}.muted{color:#444;font-weight:400}
details.demo-province{border:2px solid #555;border-radius:6px;margin:.5rem 0;padding:0 .75rem}
details.demo-province>summary{min-height:44px;display:flex;align-items:center;gap:.4rem;font-weight:600;cursor:pointer}`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Một Lần</title><link rel="stylesheet" href="/assets/base.css"></head>
<body>${body}</body></html>`;
}

export const BASE_CSS = STYLE;

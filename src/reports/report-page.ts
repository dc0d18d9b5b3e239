import { escapeHtml } from './html-escape';

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2430; margin: 0; background: #f6f7f9; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid #e3e6ea; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
.meta { color: #5b6573; font-size: 12.5px; margin: 0 0 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid #e3e6ea; border-radius: 8px; padding: 10px 14px; min-width: 150px; }
.card .label { color: #5b6573; font-size: 12px; } .card .value { font-size: 20px; font-weight: 600; }
.verdict { padding: 12px 16px; border-radius: 8px; font-weight: 600; margin: 12px 0; }
.verdict.bad { background: #fdecea; color: #8a1c12; border: 1px solid #f5c2bd; }
.verdict.good { background: #e8f5ec; color: #17522d; border: 1px solid #b9e0c5; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eceff2; vertical-align: middle; }
th { background: #f3f5f7; font-weight: 600; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.tag { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.tag.bad { background: #fdecea; color: #8a1c12; } .tag.good { background: #e8f5ec; color: #17522d; }
figure { margin: 8px 0 18px; } figcaption { color: #5b6573; font-size: 12px; }
.detail { border-top: 1px solid #eceff2; padding-top: 4px; }
@media print { body { background: #fff; } main { padding: 0; } .detail { break-inside: avoid; } }
`;

/**
 * Wraps report sections in a complete HTML page with inline CSS only: no
 * script, font, image or link, so the file works offline and from disk.
 */
export function reportPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
${body}
</main></body>
</html>
`;
}

/** A row of summary cards. */
export function cards(items: ReadonlyArray<{ label: string; value: string }>): string {
  return `<div class="cards">${items
    .map((i) => `<div class="card"><div class="label">${escapeHtml(i.label)}</div><div class="value">${escapeHtml(i.value)}</div></div>`)
    .join('')}</div>`;
}

/** A figure with an accessible caption around an inline SVG. */
export function figure(svg: string, caption: string): string {
  return `<figure aria-label="${escapeHtml(caption)}">${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/**
 * The reports' stylesheet, inlined into every page: system fonts only (no
 * web font to fetch), a light theme, tabular numbers, and print rules that
 * keep a chart or a table on one page.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --panel: #f7f8fa;
  --good: #1f7a46; --bad: #b42318; --accent: #2f5d8a; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef1f4; color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 56px; background: #fff; }
.page-header { border-bottom: 2px solid var(--ink); margin-bottom: 20px; padding-bottom: 10px; }
h1 { font-size: 24px; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 18px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 8px; }
p { margin: 6px 0 12px; }
.subtitle, .note { color: var(--muted); font-size: 13px; }
.subtitle { margin: 0; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--panel);
  padding: 1px 4px; border-radius: 3px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(165px, 1fr)); gap: 12px; margin: 12px 0 8px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--panel); }
.card-label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.card-value { font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; }
.card-detail, .card-change { color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
.card-change { font-weight: 600; }
.good, .card-change.good { color: var(--good); } .bad, .card-change.bad { color: var(--bad); }
.grid-2 { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 8px 28px; }
figure { margin: 8px 0 16px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
table { border-collapse: collapse; margin: 6px 0 14px; font-size: 13px; min-width: 50%; }
caption { caption-side: top; text-align: left; color: var(--muted); font-size: 12.5px; padding-bottom: 4px; }
th, td { padding: 5px 12px; border-bottom: 1px solid var(--line); text-align: left; }
thead th { background: var(--panel); border-bottom: 1px solid #cbd2d9; font-weight: 600; white-space: nowrap; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr.highlight { background: #fdf6e3; }
td svg { display: block; }
.verdict { padding: 12px 16px; border-radius: 8px; font-weight: 600; margin: 12px 0; }
.verdict.bad { background: #fdecea; border: 1px solid #f5c2bd; }
.verdict.good { background: #e8f5ec; border: 1px solid #b9e0c5; }
.tag { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
.tag.bad { background: #fdecea; } .tag.good { background: #e8f5ec; }
.detail { border-top: 1px solid var(--line); padding-top: 4px; }
@media print {
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  section, figure, table { break-inside: avoid; }
  .card { background: #fff; }
}
`;

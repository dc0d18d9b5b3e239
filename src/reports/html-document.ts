import { escapeHtml } from './html-escape';
import { REPORT_CSS } from './report-style';

export { escapeHtml };

/**
 * Markup that may be inserted into a page as is. The only ways to get one are
 * the {@link html} template tag, which escapes everything interpolated into
 * it, and {@link trustedHtml}, for markup from a renderer that escapes its own
 * text (vega's SVG). A plain string is never trusted, so a value such as a
 * column name cannot inject markup however it reaches the page.
 */
export class SafeHtml {
  readonly #markup: string;

  private constructor(markup: string) {
    this.#markup = markup;
  }

  /** @internal Used by {@link html} and {@link trustedHtml} only. */
  static fromTrusted(markup: string): SafeHtml {
    return new SafeHtml(markup);
  }

  /** The markup. */
  toString(): string {
    return this.#markup;
  }
}

/**
 * What may be interpolated into {@link html}: markup, or text and numbers that
 * are escaped; arrays are joined, `null`, `undefined` and `false` render
 * nothing (so `${cond && html`…`}` works).
 */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/**
 * Template tag that builds {@link SafeHtml}: the literal parts are trusted,
 * every `${value}` is escaped unless it is already {@link SafeHtml}.
 *
 * @example html`<td>${columnName}</td>` // columnName "<b>" renders as text
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return SafeHtml.fromTrusted(out);
}

/**
 * Marks markup as safe without escaping it. Only for markup produced by code
 * that escapes its own text (vega's SVG renderer); never for user input.
 */
export function trustedHtml(markup: string): SafeHtml {
  return SafeHtml.fromTrusted(markup);
}

/** What {@link htmlPage} wraps. */
export interface HtmlPageInput {
  /** `<title>` and the page's `<h1>`. */
  readonly title: string;
  /** One line under the heading (provenance: versions, dates, hashes). */
  readonly subtitle?: HtmlValue;
  readonly body: HtmlValue;
}

/**
 * A complete, self-contained HTML document: inline CSS only, no script, font,
 * image or link of any kind, so the file opens offline and from disk, and a
 * strict Content-Security-Policy says so to the browser too.
 */
export function htmlPage(input: HtmlPageInput): string {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
<style>${trustedHtml(REPORT_CSS)}</style>
</head>
<body>
<main>
<header class="page-header">
<h1>${input.title}</h1>
${input.subtitle === undefined ? null : html`<p class="subtitle">${input.subtitle}</p>`}
</header>
${input.body}
</main>
</body>
</html>
`;
  return page.toString();
}

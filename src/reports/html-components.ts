import { html, type HtmlValue, type SafeHtml } from './html-document';

/** A heading with an optional anchor id. */
export function heading(level: 2 | 3, text: string, id?: string): SafeHtml {
  return level === 2
    ? html`<h2${id === undefined ? '' : html` id="${id}"`}>${text}</h2>`
    : html`<h3${id === undefined ? '' : html` id="${id}"`}>${text}</h3>`;
}

/** How a card's change reads: better, worse or neutral. */
export type CardTone = 'good' | 'bad' | 'neutral';

/** One summary card: a label, a big value, an optional detail line and a change. */
export interface SummaryCard {
  readonly label: string;
  readonly value: string;
  /** E.g. "production 0.801". */
  readonly detail?: string;
  /** E.g. "+0.041", on its own line, coloured by `tone`. */
  readonly change?: string;
  /** Colours the change. @default 'neutral' */
  readonly tone?: CardTone;
}

/** A responsive row of summary cards. */
export function summaryCards(cards: readonly SummaryCard[]): SafeHtml {
  const card = (c: SummaryCard) => {
    const tone = c.tone === undefined || c.tone === 'neutral' ? '' : ` ${c.tone}`;
    return html`<div class="card"><div class="card-label">${c.label}</div><div class="card-value">${c.value}</div>${[
      c.detail === undefined ? null : html`<div class="card-detail">${c.detail}</div>`,
      c.change === undefined ? null : html`<div class="card-change${tone}">${c.change}</div>`,
    ]}</div>`;
  };
  return html`<div class="cards">${cards.map(card)}</div>`;
}

/** A table column: its header, and whether its cells are numbers (right-aligned). */
export interface TableColumn {
  readonly header: string;
  /** Right-aligns the column with tabular figures. @default false */
  readonly numeric?: boolean;
}

/** What {@link dataTable} renders. */
export interface DataTableInput {
  readonly caption?: string;
  readonly columns: readonly TableColumn[];
  /** One array of cells per row, in column order; text is escaped. */
  readonly rows: ReadonlyArray<readonly HtmlValue[]>;
  /** Indexes of rows to highlight (e.g. the operating threshold). */
  readonly highlightRows?: readonly number[];
  /** A line under the table (e.g. a legend). */
  readonly footer?: HtmlValue;
}

/** A table with a header row, numeric columns right-aligned. */
export function dataTable(input: DataTableInput): SafeHtml {
  const align = (i: number) => (input.columns[i]?.numeric === true ? 'num' : null);
  const head = input.columns.map((c, i) => html`<th scope="col"${cls(align(i))}>${c.header}</th>`);
  const body = input.rows.map(
    (row, r) =>
      html`<tr${cls(input.highlightRows?.includes(r) === true ? 'highlight' : null)}>${row.map(
        (cell, i) => html`<td${cls(align(i))}>${cell}</td>`,
      )}</tr>`,
  );
  return html`<table>${input.caption === undefined ? null : html`<caption>${input.caption}</caption>`}
<thead><tr>${head}</tr></thead>
<tbody>${body}</tbody>${
    input.footer === undefined
      ? null
      : html`<tfoot><tr><td colspan="${input.columns.length}" class="note">${input.footer}</td></tr></tfoot>`
  }</table>`;
}

function cls(name: string | null): SafeHtml | null {
  return name === null ? null : html` class="${name}"`;
}

/** A titled section of the report. */
export function section(title: string, id: string, ...content: readonly HtmlValue[]): SafeHtml {
  return html`<section id="${id}">
${heading(2, title)}
${content}
</section>`;
}

/**
 * A chart with a caption. `aria-label` names it for screen readers, and the
 * SVG itself carries a `<title>` (see `renderChartSvg`).
 */
export function figure(svg: SafeHtml, caption: string): SafeHtml {
  return html`<figure aria-label="${caption}">${svg}<figcaption>${caption}</figcaption></figure>`;
}

/** A muted explanatory paragraph. */
export function note(text: HtmlValue): SafeHtml {
  return html`<p class="note">${text}</p>`;
}

/**
 * Plain-text tables for the terminal and the number formats the bench prints.
 */

/** A cell: text, or a number already formatted by one of the helpers below. */
export type Cell = string;

/**
 * Renders rows under headers, each column as wide as its widest cell; the first
 * column is left-aligned, the others right-aligned (they hold numbers).
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly Cell[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const DASH = '—';

/**
 * Collects the reasons of unavailable rows, so a table shows a short marker
 * (`unavailable [1]`) and the full reasons follow it.
 */
export class Notes {
  private readonly reasons: string[] = [];

  /** The marker for `reason`; the same reason gets the same number. */
  mark(reason: string): Cell {
    let index = this.reasons.indexOf(reason);
    if (index === -1) index = this.reasons.push(reason) - 1;
    return `unavailable [${index + 1}]`;
  }

  /** The numbered reasons, one per line (empty when none). */
  render(): string {
    return this.reasons.map((r, i) => `[${i + 1}] ${r}`).join('\n');
  }
}

/** Joins a title, a table and its notes. */
export function section(title: string, table: string, notes?: Notes): string {
  const footer = notes?.render() ?? '';
  return [title, table, ...(footer === '' ? [] : [footer])].join('\n');
}

/** Milliseconds as seconds with one decimal (or two below 10 s). */
export function seconds(ms: number | undefined): Cell {
  if (ms === undefined || !Number.isFinite(ms)) return DASH;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Milliseconds, rounded. */
export function millis(ms: number | undefined): Cell {
  return ms === undefined || !Number.isFinite(ms) ? DASH : `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/** A rate with thousands separators. */
export function rate(perSecond: number | undefined): Cell {
  return perSecond === undefined || !Number.isFinite(perSecond)
    ? DASH
    : Math.round(perSecond).toLocaleString('en-US');
}

/** MiB, rounded. */
export function mib(mb: number | undefined): Cell {
  return mb === undefined || !Number.isFinite(mb) ? DASH : `${Math.round(mb)} MB`;
}

/** A ratio such as `0.57×`. */
export function ratio(value: number | undefined): Cell {
  return value === undefined || !Number.isFinite(value) ? DASH : `${value.toFixed(2)}×`;
}

/** A number with fixed digits. */
export function fixed(value: number | null | undefined, digits: number): Cell {
  return value === undefined || value === null || !Number.isFinite(value) ? DASH : value.toFixed(digits);
}

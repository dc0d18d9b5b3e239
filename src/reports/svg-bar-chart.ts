import { escapeHtml } from './html-escape';

/** One series of bars (e.g. reference or current). */
export interface BarSeries {
  readonly name: string;
  /** One value per label, already normalised by the caller (e.g. shares of rows). */
  readonly values: readonly number[];
  readonly color: string;
}

/** What {@link groupedBarChartSvg} draws. */
export interface BarChartSpec {
  readonly title: string;
  readonly labels: readonly string[];
  readonly series: readonly BarSeries[];
  readonly width?: number;
  readonly height?: number;
  /** Axis label for the values. */
  readonly valueLabel?: string;
  /** Hide axes, legend and labels (for the small charts in the table). */
  readonly compact?: boolean;
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

const percent = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;

/**
 * A grouped bar chart as a standalone SVG string: one group per label, one bar
 * per series, a y axis with gridlines, rotated x labels when they are long,
 * and a legend. No script and no external resource, so reports stay
 * self-contained and work offline. Used by the drift report, which draws 30
 * small charts per page; the evaluation report uses Vega (`charts.ts`). Moving
 * the drift report onto `charts.ts` would leave one chart path (follow-up).
 */
export function groupedBarChartSvg(spec: BarChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 280;
  const compact = spec.compact ?? false;
  const longest = Math.max(0, ...spec.labels.map((l) => l.length));
  const rotate = !compact && (longest > 6 || spec.labels.length > 10);
  const margin = compact
    ? { top: 2, right: 2, bottom: 2, left: 2 }
    : { top: 34, right: 12, bottom: rotate ? 20 + Math.min(longest, 18) * 5.5 : 30, left: 48 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const max = niceMax(Math.max(0, ...spec.series.flatMap((s) => s.values)));
  const y = (v: number) => margin.top + plotH - (v / max) * plotH;
  const groupW = plotW / Math.max(1, spec.labels.length);
  const barW = (groupW * 0.8) / Math.max(1, spec.series.length);
  const parts: string[] = [];
  if (!compact) {
    for (let i = 0; i <= 4; i++) {
      const v = (max * i) / 4;
      parts.push(
        `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e6ea"/>`,
        `<text x="${margin.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#555">${percent(v)}</text>`,
      );
    }
    if (spec.valueLabel) {
      parts.push(
        `<text transform="translate(12 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="11" fill="#555">${escapeHtml(spec.valueLabel)}</text>`,
      );
    }
  }
  spec.labels.forEach((label, i) => {
    const x0 = margin.left + i * groupW + groupW * 0.1;
    spec.series.forEach((series, s) => {
      const v = series.values[i] ?? 0;
      const top = y(v);
      parts.push(
        `<rect x="${(x0 + s * barW).toFixed(2)}" y="${top.toFixed(2)}" width="${Math.max(barW - 1, 0.5).toFixed(2)}" height="${(margin.top + plotH - top).toFixed(2)}" fill="${series.color}"><title>${escapeHtml(`${series.name} · ${label}: ${percent(v)}`)}</title></rect>`,
      );
    });
    if (!compact) {
      const cx = margin.left + (i + 0.5) * groupW;
      const text = escapeHtml(label.length > 18 ? `${label.slice(0, 17)}…` : label);
      parts.push(
        rotate
          ? `<text transform="translate(${cx} ${margin.top + plotH + 10}) rotate(-40)" text-anchor="end" font-size="10" fill="#333">${text}</text>`
          : `<text x="${cx}" y="${margin.top + plotH + 16}" text-anchor="middle" font-size="11" fill="#333">${text}</text>`,
      );
    }
  });
  if (!compact) {
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="#888"/>`,
      `<text x="${margin.left}" y="16" font-size="13" font-weight="600" fill="#222">${escapeHtml(spec.title)}</text>`,
    );
    spec.series.forEach((series, s) => {
      const x = width - margin.right - (spec.series.length - s) * 110;
      parts.push(
        `<rect x="${x}" y="7" width="12" height="12" fill="${series.color}"/>`,
        `<text x="${x + 17}" y="17" font-size="11" fill="#333">${escapeHtml(series.name)}</text>`,
      );
    });
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${escapeHtml(spec.title)}</title>${parts.join('')}</svg>`;
}

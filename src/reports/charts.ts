import { createHash } from 'node:crypto';
import type { Config, TopLevelSpec } from 'vega-lite';
import { escapeHtml } from './html-escape';
import { loadVega } from './vega-modules';

/** Series colours shared by every chart (Tableau 10, colour-blind friendly pairs). */
export const CHART_COLORS = {
  candidate: '#1f6fb2',
  production: '#e8772e',
  reference: '#8c959f',
} as const;

/** Font stack for chart text: system fonts only, as in the page's CSS. */
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/**
 * The small theme every report chart shares. ARIA attributes per mark are
 * off: a 500-point curve would carry 500 labels; the chart is named by its
 * `<title>` and the surrounding figure caption instead.
 */
export const CHART_THEME: Config = {
  aria: false,
  background: 'white',
  font: FONT,
  padding: 8,
  view: { stroke: '#d0d7de' },
  title: { fontSize: 14, fontWeight: 600, anchor: 'start', color: '#1f2933', offset: 10 },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 500,
    labelColor: '#3e4c59',
    titleColor: '#1f2933',
    gridColor: '#eef1f4',
    domainColor: '#9aa5b1',
    tickColor: '#9aa5b1',
  },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', direction: 'horizontal', symbolType: 'stroke' },
  range: { category: [CHART_COLORS.candidate, CHART_COLORS.production, CHART_COLORS.reference] },
  line: { strokeWidth: 2 },
};

/** The chart's title as plain text, for the SVG's `<title>`. */
function titleText(spec: TopLevelSpec): string {
  const title = spec.title;
  const text = typeof title === 'string' || Array.isArray(title) ? title : title?.text;
  if (typeof text === 'string') return text;
  if (Array.isArray(text)) return text.join(' ');
  return spec.description ?? 'chart';
}

/**
 * Renders a Vega-Lite spec to a standalone SVG string: vega-lite compiles it
 * to Vega, and a headless Vega view draws it with `renderer: 'none'`, so no
 * canvas or browser is needed. The spec's `config` is layered over
 * {@link CHART_THEME}. The SVG gets a `<title>` (the spec's title, or its
 * description) so screen readers and hover tooltips can name it; vega escapes
 * every text it draws itself.
 */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await loadVega();
  const themed = { ...spec, config: { ...CHART_THEME, ...spec.config } } as TopLevelSpec;
  const compiled = vegaLite.compile(themed).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    // Vega numbers clip paths and gradients with a process-wide counter;
    // restart it and prefix the ids with a hash of the chart, so a report's
    // bytes depend only on its data and two charts on a page never share an id.
    vega.resetSVGDefIds();
    const svg = await view.toSVG();
    const prefix = `c${createHash('sha1').update(svg).digest('hex').slice(0, 8)}-`;
    return svg
      .replace(/(id="|url\(#)(clip|gradient)/g, `$1${prefix}$2`)
      .replace(/^<svg[^>]*>/, (open) => `${open}<title>${escapeHtml(titleText(spec))}</title>`);
  } finally {
    view.finalize();
  }
}

/**
 * Prepares a standalone SVG for inlining into HTML: drops the `xmlns`
 * declarations, which the HTML parser does not need (it puts `<svg>` in the
 * SVG namespace itself), so that the page contains no URL of any kind.
 */
export function inlineSvg(svg: string): string {
  return svg.replace(/^<svg([^>]*)>/, (_, attributes: string) => `<svg${attributes.replace(/ xmlns(:\w+)?="[^"]*"/g, '')}>`);
}

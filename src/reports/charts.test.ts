import type { ModelAnalysis } from './evaluation-analysis';
import { analyseEvaluation } from './evaluation-analysis';
import { binCountChartSpec, confusionChartSpec, rocChartSpec } from './evaluation-charts';
import { syntheticEvaluation } from './evaluation.fixture';
import { inlineSvg, renderChartSvg } from './charts';
import { curveChartSpec } from './curve-chart';

/** Markup inside vega's group for one kind of mark, e.g. `mark-rect role-mark`. */
function markGroups(svg: string, mark: string): string[] {
  return [...svg.matchAll(new RegExp(`<g class="mark-${mark} role-mark[^"]*"[^>]*>(.*?)</g>`, 'g'))].map((m) => m[1]!);
}

function models(): readonly ModelAnalysis[] {
  const d = syntheticEvaluation(2000);
  return analyseEvaluation({
    modelVersion: 'v2',
    datasetMd5: 'md5',
    evaluatedAt: 'now',
    labels: d.labels,
    probabilities: d.candidate,
    production: { version: 'v1', probabilities: d.production },
  }).models;
}

describe('renderChartSvg', () => {
  it('renders a Vega-Lite spec to SVG without a canvas, named by an escaped <title>', async () => {
    const svg = await renderChartSvg(
      curveChartSpec({
        title: 'Scores of <script>',
        xTitle: 'x',
        yTitle: 'y',
        series: [{ name: 'a', color: '#000', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }],
      }),
    );
    expect(svg).toMatch(/^<svg [^>]*width="\d+" height="\d+"[^>]*><title>Scores of &lt;script&gt;<\/title>/);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('font-family="system-ui');
  });

  it('draws one line per series, the reference line included, with a legend entry each', async () => {
    const svg = await renderChartSvg(rocChartSpec(models()));
    expect(markGroups(svg, 'line')).toHaveLength(3);
    for (const name of ['candidate v2 (AUC 0.8', 'production v1 (AUC 0.8', 'chance (AUC 0.5)']) {
      expect(svg).toContain(name);
    }
  });

  it('draws four cells with counts and row shares for a confusion matrix', async () => {
    const svg = await renderChartSvg(confusionChartSpec('m', { tp: 30, fp: 10, tn: 50, fn: 10 }));
    expect(markGroups(svg, 'rect')[0]!.match(/<path /g)).toHaveLength(4);
    // Row shares: 50/60 and 10/60 of the negatives, 10/40 and 30/40 of the positives.
    for (const text of ['<tspan>50</tspan><tspan x="0" dy="18">83.3%', '<tspan>30</tspan><tspan x="0" dy="18">75.0%']) {
      expect(svg).toContain(text);
    }
  });

  it('draws one bar per model and non-empty probability bin', async () => {
    const analysed = models();
    const bars = analysed.reduce((sum, m) => sum + m.calibration.length, 0);
    const svg = await renderChartSvg(binCountChartSpec(analysed, 10));
    expect(markGroups(svg, 'rect')[0]!.match(/<path /g)).toHaveLength(bars);
  });

  it('is deterministic, and two charts never share a clip-path id', async () => {
    const spec = rocChartSpec(models());
    const [a, b] = [await renderChartSvg(spec), await renderChartSvg(spec)];
    expect(a).toBe(b);
    const other = await renderChartSvg(rocChartSpec(models().slice(0, 1)));
    const ids = (svg: string) => [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids(a).length).toBeGreaterThan(0);
    expect(ids(a).filter((id) => ids(other).includes(id))).toEqual([]);
  });
});

describe('inlineSvg', () => {
  it("drops the namespace declarations, the only URLs in vega's SVG", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="2"><g/></svg>';
    expect(inlineSvg(svg)).toBe('<svg width="2"><g/></svg>');
  });
});

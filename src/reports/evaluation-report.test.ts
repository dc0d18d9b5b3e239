import { renderEvaluationReport } from './evaluation-report';
import type { EvaluationReportInput } from './evaluation-analysis';
import { syntheticEvaluation } from './evaluation.fixture';

function input(rows: number, withProduction: boolean): EvaluationReportInput {
  const d = syntheticEvaluation(rows);
  return {
    modelVersion: 'v2',
    datasetMd5: '9e107d9d372bb6826bd81d3542a419d6',
    evaluatedAt: '2025-01-01T00:00:00.000Z',
    labels: d.labels,
    probabilities: d.candidate,
    production: withProduction ? { version: 'v1', probabilities: d.production } : null,
  };
}

const svgTitles = (page: string) => [...page.matchAll(/<svg[^>]*><title>([^<]*)<\/title>/g)].map((m) => m[1]);

describe('renderEvaluationReport', () => {
  it('compares the candidate with production: cards with deltas, six charts, tables for both', async () => {
    const page = await renderEvaluationReport(input(5000, true));
    expect(svgTitles(page)).toEqual([
      'ROC curve',
      'Precision–recall curve',
      'candidate v2 at threshold 0.5',
      'production v1 at threshold 0.5',
      'Calibration (reliability diagram, 10 bins)',
      'Rows per probability bin',
    ]);
    expect(page).toMatch(/<div class="card-label">ROC AUC<\/div><div class="card-value">0\.\d{3}<\/div><div class="card-detail">production 0\.\d{3}<\/div><div class="card-change good">\+0\.\d{3} better<\/div>/);
    // Log loss falls: a negative change that is an improvement.
    expect(page).toMatch(/<div class="card-label">Log loss<\/div>.*?<div class="card-change good">-0\.\d{3} better<\/div>/);
    expect(page).toContain('Calibration bins of production v1');
    expect(page).toContain('candidate v2: rows scoring at or above the threshold');
    expect(page.match(/<script|<link|<img|\bsrc=|\bhref=|\w+:\/\//g)).toBeNull();
  });

  it('describes a lone model without any production column', async () => {
    const page = await renderEvaluationReport(input(2000, false));
    expect(svgTitles(page)).toHaveLength(5);
    expect(page).toContain('<th scope="col" class="num">model v2</th>');
    expect(page).not.toContain('production');
  });

  it('says "undefined (one class)" instead of drawing curves when every row is a non-match', async () => {
    const page = await renderEvaluationReport({ ...input(300, true), labels: new Uint8Array(300) });
    expect(page).toContain('<div class="card-value">undefined</div><div class="card-detail">one class only</div>');
    expect(page).toContain('<td class="num">undefined (one class)</td>');
    expect(page).toContain('ROC AUC and PR AUC are undefined (one class)');
    expect(svgTitles(page)).not.toContain('ROC curve');
  });

  it('escapes versions and hashes wherever they appear', async () => {
    const page = await renderEvaluationReport({ ...input(200, true), modelVersion: '<script>x</script>', datasetMd5: '"><b>' });
    expect(page.match(/<script>|"><b>/g)).toBeNull();
    expect(page).toContain('<title>Model evaluation: &lt;script&gt;x&lt;/script&gt;</title>');
  });

  it('stays under 200 KB for 100k rows', async () => {
    const page = await renderEvaluationReport(input(100_000, true));
    expect(Buffer.byteLength(page)).toBeLessThan(200_000);
  });
});

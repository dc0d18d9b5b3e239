import { renderEvaluationReport } from './evaluation-report';
import type { EvaluationReportInput } from './evaluation-analysis';
import { syntheticEvaluation, syntheticImportance } from './evaluation.fixture';
import { renderEvaluationText } from './evaluation-text';

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

  it('shows the duplicate share as a card, flagged with a warning when copies dominate', async () => {
    const summary = (rows: number, distinctRows: number) => ({
      rows,
      distinctRows,
      duplicateRows: rows - distinctRows,
      duplicateShare: (rows - distinctRows) / rows,
      conflictingFeatureVectors: 0,
    });
    const few = await renderEvaluationReport({
      ...input(300, false),
      duplicates: { dataset: summary(2000, 1900), scoredRows: summary(300, 290) },
    });
    expect(few).toContain(
      '<div class="card-label">Duplicate rows</div><div class="card-value">5.0%</div><div class="card-detail">of the dataset&#39;s rows repeat another; 3.3% of the scored rows</div>',
    );
    expect(few).not.toContain('dominated by copies');
    const many = await renderEvaluationReport({
      ...input(300, false),
      duplicates: { dataset: summary(1000, 2), scoredRows: summary(300, 2) },
    });
    expect(many).toContain('<div class="card-change bad">dominated by copies</div>');
    expect(many).toContain('Warning: 99.8% of the dataset&#39;s rows are copies of another row');
    expect(await renderEvaluationReport(input(300, false))).not.toContain('Duplicate rows');
  });

  it('escapes versions and hashes wherever they appear', async () => {
    const page = await renderEvaluationReport({ ...input(200, true), modelVersion: '<script>x</script>', datasetMd5: '"><b>' });
    expect(page.match(/<script>|"><b>/g)).toBeNull();
    expect(page).toContain('<title>Model evaluation: &lt;script&gt;x&lt;/script&gt;</title>');
  });

  it('shows what each model relies on: two importance charts, candidate beside production, and the movers', async () => {
    const importance = { model: syntheticImportance(1, 0.08), production: syntheticImportance(2) };
    const page = await renderEvaluationReport({ ...input(2000, true), importance });
    expect(svgTitles(page).slice(-2)).toEqual(['Permutation importance', 'Mean |attribution|']);
    expect(page).toContain('<h2>What the model relies on</h2>');
    expect(page).toContain('Columns whose importance moved most (candidate v2 against production v1)');
    // The shift moved importance from the specialisation to the distance: both lead the movers.
    const table = page.slice(page.indexOf('Columns whose importance moved most'));
    const movers = [...table.matchAll(/<tr><td>(\w+)<\/td>/g)].map((m) => m[1]).slice(0, 2);
    expect(new Set(movers)).toEqual(new Set(['lawyer_specialization', 'distance_km']));
    expect(page).toMatch(/<svg[^>]*><title>Permutation importance<\/title>[\s\S]*candidate v2[\s\S]*production v1/);
    const text = renderEvaluationText({ ...input(2000, true), importance });
    expect(text).toContain('What the model relies on (top 5 columns by permutation importance)');
    expect(text).toMatch(/\n {2}lawyer_specialization +0\.\d{3} +0\.\d{3} +0\.\d{3} +0\.\d{3}\n/);
  });

  it('shows a lone model’s importance without a movers table', async () => {
    const page = await renderEvaluationReport({ ...input(500, false), importance: { model: syntheticImportance(3), production: null } });
    expect(svgTitles(page)).toHaveLength(7);
    expect(page).not.toContain('moved most');
    expect(page).not.toContain('production');
  });

  it('stays under 200 KB for 100k rows', async () => {
    const page = await renderEvaluationReport(input(100_000, true));
    expect(Buffer.byteLength(page)).toBeLessThan(200_000);
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatasetDriftResult } from '../src/drift';
import { checkReportInChromium } from './helpers/chromium';
import { runCli, type CliFailure } from './helpers/cli-runner';
import { loadForeignTables, tablePath } from './reference/drift/foreign-tables';

// `drift compare` needs no Temporal server: the CLI runs as a user runs it, in a scratch folder.
describe('drift compare on CSVs of any schema', () => {
  let root: string;
  const cli = (...args: string[]) => runCli({ temporalAddress: '127.0.0.1:1', projectRoot: root }, ...args);
  const failure = (...args: string[]) =>
    cli(...args).then(
      () => {
        throw new Error('expected the command to fail');
      },
      (error: unknown) => error as CliFailure,
    );
  /** The JSON and HTML paths a run printed, made absolute. */
  const outputsOf = (stdout: string) => ({
    json: path.join(root, /JSON: (.+\.json)/.exec(stdout)![1]!),
    html: path.join(root, /HTML: (.+\.html)/.exec(stdout)![1]!),
  });

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'drift-compare-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('compares foreign CSVs with types from a file and a flag, as Evidently does, and the report renders', async () => {
    const table = loadForeignTables().tables.find((t) => t.name === 'ids-with-types')!;
    await writeFile(path.join(root, 'types.yaml'), 'columns:\n  customer_id: cat\n  grade: cat\n');
    const stdout = await cli(
      'drift',
      'compare',
      '-r',
      tablePath(table.reference),
      '-c',
      tablePath(table.current),
      '-o',
      'out',
      '--types-file',
      'types.yaml',
      '--column-type',
      'visits=num',
    );
    const expected = table.expected!;
    expect(stdout).toMatch(
      new RegExp(`^Dataset drift: drift detected for ${expected.numberOfDriftedColumns} of 4 columns`),
    );
    expect(stdout).toContain(
      "Column types: inferred from the current file with Evidently's rules; given for customer_id, visits, grade.",
    );
    const { json, html } = outputsOf(stdout);
    const result = JSON.parse(await readFile(json, 'utf8')) as DatasetDriftResult & { meta: unknown };
    expect(Object.fromEntries(result.columns.map((c) => [c.column, [c.type, c.method, c.drifted]]))).toEqual(
      Object.fromEntries(
        Object.entries(expected.columns).map(([name, c]) => [
          name,
          [expected.numerical.includes(name) ? 'numeric' : 'categorical', c.method, c.drifted],
        ]),
      ),
    );
    const rendered = await checkReportInChromium(html);
    expect(rendered.consoleErrors).toEqual([]);
    expect(rendered.failedRequests).toEqual([]);
    expect(rendered.svgCount).toBeGreaterThanOrEqual(8); // a small and a large chart per column
    const page = await readFile(html, 'utf8');
    expect(page.includes('Column types: inferred from the current file with Evidently&#39;s rules')).toBe(
      true,
    );
  });

  it('renders odd column names and categories safely, with working anchors', async () => {
    const rows = (n: number, shift: number) =>
      Array.from({ length: n }, (_, i) => {
        const kind = ['<script>alert("x")</script>', 'a & b', 'plain'][(i + shift) % 3];
        return `${((i * 7) % 23) + shift},"${kind!.replaceAll('"', '""')}",${i % 2 === 0 ? 'True' : 'False'}`;
      }).join('\n');
    const header = '"unit price, €",kind <b>#1</b>,ok?';
    await writeFile(path.join(root, 'odd-ref.csv'), `${header}\n${rows(60, 0)}\n`);
    await writeFile(path.join(root, 'odd-cur.csv'), `${header}\n${rows(80, 1)}\n`);
    const stdout = await cli('drift', 'compare', '-r', 'odd-ref.csv', '-c', 'odd-cur.csv', '-o', 'out');
    const { html } = outputsOf(stdout);
    const page = await readFile(html, 'utf8');
    expect(page).not.toContain('<script>');
    expect(page).toContain(`href="#col-${encodeURIComponent('kind <b>#1</b>')}"`);
    expect(page).toContain(`id="col-${encodeURIComponent('kind <b>#1</b>')}"`);
    const rendered = await checkReportInChromium(html);
    expect(rendered.consoleErrors).toEqual([]);
    expect(rendered.failedRequests).toEqual([]);
    expect(rendered.svgCount).toBeGreaterThanOrEqual(6);
  });

  it('refuses a free-text column, naming the file and column and how to compare it anyway', async () => {
    const table = loadForeignTables().tables.find((t) => t.name === 'ids-with-types')!;
    const error = await failure(
      'drift',
      'compare',
      '-r',
      tablePath(table.reference),
      '-c',
      tablePath(table.current),
    );
    expect(error.code).toBe(1);
    expect(error.stderr).toContain(`${tablePath(table.current)}, column "customer_id": is free text or ids`);
    expect(error.stderr).toContain('--column-type "customer_id=cat"');
  });

  it('refuses a malformed --column-type and a types file with a wrong entry', async () => {
    const bad = await failure(
      'drift',
      'compare',
      '-r',
      'a.csv',
      '-c',
      'b.csv',
      '--column-type',
      'visits=number',
    );
    expect(bad.stderr).toContain('expected column=num or column=cat, got "visits=number"');
    await writeFile(path.join(root, 'wrong.yaml'), 'columns:\n  visits: integer\n');
    const table = loadForeignTables().tables.find((t) => t.name === 'mixed-small')!;
    const wrong = await failure(
      'drift',
      'compare',
      '-r',
      tablePath(table.reference),
      '-c',
      tablePath(table.current),
      '--types-file',
      'wrong.yaml',
    );
    expect(wrong.stderr).toContain('wrong.yaml: columns.visits: expected "num" or "cat"');
  });

  it('documents the column types in --help', async () => {
    const help = await cli('drift', 'compare', '--help');
    expect(help).toContain('--column-type <column=num|cat>');
    expect(help).toContain('--types-file <yaml|json>');
    expect(help).toContain('Compare any two CSVs with the same columns');
  });
});

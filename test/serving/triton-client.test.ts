/**
 * A real v2 client from PyPI — NVIDIA's tritonclient[http], installed into
 * .tools/tritonclient by scripts/test.sh — against the real server: it finds
 * the server live and ready, reads the model metadata, and its infer requests
 * (binary tensor encoding, the client's default, and JSON) get the evaluation
 * scorer's probabilities.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { parseDatasetCsv, rowsToCsv } from '../../src/data';
import { FEATURE_COLUMNS } from '../../src/data/schema';
import { predictWithVersion } from '../../src/pipeline/score-version';
import { resolveServingConfig } from '../../src/serving/config';
import { startServer, type RunningServer } from '../../src/serving/server';
import { createServingFixture, requestRow, type ServingFixture } from '../helpers/serving-fixture';
import { PROJECT_ROOT } from '../helpers/temporal-servers';

const PYTHON = path.join(PROJECT_ROOT, '.tools', 'tritonclient', 'bin', 'python');
const SCRIPT = path.join(PROJECT_ROOT, 'test', 'reference', 'serving', 'triton_infer.py');
/** float32 inputs (FP32 columns) and float32 outputs: the same model, rounding apart. */
const TOLERANCE = 1e-6;

let fixture: ServingFixture;
let server: RunningServer;

beforeAll(async () => {
  if (!existsSync(PYTHON)) {
    throw new Error(
      `${PYTHON} is missing: run bash scripts/ensure-venv-tool.sh tritonclient 'tritonclient[http]==2.73.0' (npm test does)`,
    );
  }
  fixture = await createServingFixture(1);
  const config = resolveServingConfig(fixture.project.paths, { port: 0 }, {});
  server = await startServer(config, pino({ level: 'silent' }));
}, 120_000);

afterAll(async () => {
  await server?.close();
  await fixture?.project.remove();
});

it("tritonclient reads the metadata and gets the scorer's probabilities, binary and JSON encoded", async () => {
  const rows = fixture.rows.slice(0, 25);
  const rowsFile = path.join(fixture.project.paths.root, 'rows.json');
  await fs.writeFile(rowsFile, JSON.stringify(rows.map(requestRow)));
  const { stdout } = await promisify(execFile)(PYTHON, [SCRIPT, new URL(server.url).host, rowsFile]);
  const result = JSON.parse(stdout) as {
    inputs: [string, string, number[]][];
    model_version: string;
    id: string;
    binary: number[];
    json: number[];
  };
  expect(result.inputs.map(([name]) => name)).toEqual(FEATURE_COLUMNS.map((c) => c.name));
  expect(result.model_version).toBe(fixture.versions[0]);
  expect(result.id).toBe('triton-1');

  const table = parseDatasetCsv(rowsToCsv(rows), 'rows.csv');
  const expected = await predictWithVersion(
    fixture.registry,
    fixture.versions[0]!,
    table,
    rows.map((_, i) => i),
  );
  for (const probabilities of [result.binary, result.json]) {
    expect(probabilities).toHaveLength(rows.length);
    probabilities.forEach((p, i) =>
      expect(Math.abs(p - expected.probabilities[i]!)).toBeLessThanOrEqual(TOLERANCE),
    );
  }
});

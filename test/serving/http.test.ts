/**
 * The server over real HTTP on a real port, with real trained versions:
 * the three protocols give the evaluation scorer's probabilities, bad input is
 * refused with messages that name input, row and problem, auth, metrics and the
 * prediction log.
 */
import pino from 'pino';
import { parseDatasetCsv, rowsToCsv } from '../../src/data';
import { FEATURE_COLUMNS } from '../../src/data/schema';
import { predictWithVersion } from '../../src/pipeline/score-version';
import { loadVersionExplainer } from '../../src/pipeline/version-explainer';
import { resolveServingConfig } from '../../src/serving/config';
import {
  FilePredictionLogStore,
  readPredictionLog,
  type PredictionLogEntry,
} from '../../src/serving/prediction-log';
import { startServer, type RunningServer } from '../../src/serving/server';
import { createServingFixture, requestRow, type ServingFixture } from '../helpers/serving-fixture';

const TOLERANCE = 1e-6;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let fixture: ServingFixture;
let server: RunningServer;
let expected: Map<string, Float32Array>;
const sample = () => fixture.rows.slice(0, 20);

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function v2Inputs(rows: readonly Record<string, string | number>[]) {
  return FEATURE_COLUMNS.map((spec) => ({
    name: spec.name,
    shape: [rows.length],
    datatype:
      spec.kind === 'categorical' || spec.kind === 'categorical_set'
        ? 'BYTES'
        : spec.kind === 'number'
          ? 'FP32'
          : 'INT64',
    data: rows.map((r) => r[spec.name]),
  }));
}

function expectClose(actual: readonly number[], wanted: ArrayLike<number>): void {
  expect(actual).toHaveLength(wanted.length);
  actual.forEach((p, i) => expect(Math.abs(p - wanted[i]!)).toBeLessThanOrEqual(TOLERANCE));
}

beforeAll(async () => {
  fixture = await createServingFixture(2);
  const table = parseDatasetCsv(rowsToCsv(sample()), 'sample.csv');
  const indices = Array.from({ length: 20 }, (_, i) => i);
  expected = new Map();
  for (const version of fixture.versions) {
    expected.set(
      version,
      (await predictWithVersion(fixture.registry, version, table, indices)).probabilities,
    );
  }
  const config = resolveServingConfig(
    fixture.project.paths,
    { port: 0, maxRows: 50, bodyLimitBytes: 64 * 1024 },
    // A budget no loaded CI machine runs over: the tight budget has its own server below.
    { SERVING_EXPLAIN_BUDGET_MS: '120000' },
  );
  server = await startServer(config, pino({ level: 'silent' }));
}, 120_000);

afterAll(async () => {
  await server?.close();
  await fixture?.project.remove();
});

describe('serve: Open Inference Protocol v2', () => {
  it("answers infer with the evaluation scorer's probabilities, the version, the request id and UUIDv7 prediction ids", async () => {
    const { status, body } = await post('/v2/models/matchmaking/infer', {
      id: 'req-1',
      parameters: { content_type: 'pd' },
      inputs: v2Inputs(sample().map(requestRow)),
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      model_name: 'matchmaking',
      model_version: fixture.versions[0],
      id: 'req-1',
    });
    const outputs = body.outputs as { name: string; datatype: string; shape: number[]; data: unknown[] }[];
    expect(outputs.map((o) => [o.name, o.datatype, o.shape])).toEqual([
      ['match_probability', 'FP32', [20]],
      ['prediction_id', 'BYTES', [20]],
    ]);
    expectClose(outputs[0]!.data as number[], expected.get(fixture.versions[0]!)!);
    expect(outputs[1]!.data.every((id) => UUID_V7.test(id as string))).toBe(true);
  });

  it('serves a named version on /versions/{v}/infer, and 404s unknown versions and models', async () => {
    const other = fixture.versions[1]!;
    const { status, body } = await post(`/v2/models/matchmaking/versions/${other}/infer`, {
      inputs: v2Inputs(sample().map(requestRow)),
      outputs: [{ name: 'match_probability' }],
    });
    expect(status).toBe(200);
    expect(body.model_version).toBe(other);
    const outputs = body.outputs as { name: string; data: number[] }[];
    expect(outputs.map((o) => o.name)).toEqual(['match_probability']);
    expectClose(outputs[0]!.data, expected.get(other)!);

    const missing = await post('/v2/models/matchmaking/versions/v20990101-000000-deadbeef/infer', {
      inputs: v2Inputs([requestRow(fixture.rows[0]!)]),
    });
    expect(missing).toEqual({
      status: 404,
      body: { error: 'model version "v20990101-000000-deadbeef" does not exist', problem: 'UNKNOWN_VERSION' },
    });
    const model = await post('/v2/models/other/infer', { inputs: v2Inputs([requestRow(fixture.rows[0]!)]) });
    expect(model.status).toBe(404);
    expect(model.body.error).toBe('model "other" is not served here (this server serves "matchmaking")');
  });

  it('describes the model: every input with its datatype and shape, the output, the versions', async () => {
    const response = await fetch(`${server.url}/v2/models/matchmaking`);
    const body = (await response.json()) as {
      inputs: { name: string; datatype: string; shape: number[] }[];
      versions: string[];
      outputs: { name: string }[];
    };
    expect(body.inputs.map((i) => i.name)).toEqual(FEATURE_COLUMNS.map((c) => c.name));
    expect(body.inputs.find((i) => i.name === 'client_region')).toMatchObject({
      datatype: 'BYTES',
      shape: [-1],
    });
    expect(body.inputs.find((i) => i.name === 'client_age')).toMatchObject({ datatype: 'INT64' });
    expect(body.inputs.find((i) => i.name === 'distance_km')).toMatchObject({ datatype: 'FP32' });
    expect(body.outputs[0]!.name).toBe('match_probability');
    expect(body.versions).toEqual([...fixture.versions]);
    for (const route of ['/v2/health/live', '/v2/health/ready', '/v2/models/matchmaking/ready']) {
      expect((await fetch(`${server.url}${route}`)).status).toBe(200);
    }
  });
});

describe('serve: TF Serving shim and the rank route', () => {
  it("answers :predict for instances and for columnar inputs with the scorer's probabilities", async () => {
    const rows = sample().map(requestRow);
    const byRows = await post('/v1/models/matchmaking:predict', { instances: rows });
    expect(byRows.status).toBe(200);
    expectClose(byRows.body.predictions as number[], expected.get(fixture.versions[0]!)!);
    const columns = Object.fromEntries(FEATURE_COLUMNS.map((c) => [c.name, rows.map((r) => r[c.name])]));
    const pinned = await post(`/v1/models/matchmaking/versions/${fixture.versions[1]}:predict`, {
      inputs: columns,
    });
    expect(pinned.body.model_version).toBe(fixture.versions[1]);
    expectClose(pinned.body.predictions as number[], expected.get(fixture.versions[1]!)!);
  });

  it('ranks lawyers for a client by probability, with top_k, ids and prediction ids', async () => {
    const rows = sample().map(requestRow);
    const client = Object.fromEntries(Object.entries(rows[0]!).filter(([k]) => k.startsWith('client_')));
    const lawyers = rows.map((r, i) => ({
      id: `lawyer-${i}`,
      ...Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('client_'))),
    }));
    const { status, body } = await post('/v1/match/rank', { client, lawyers, top_k: 5 });
    expect(status).toBe(200);
    const ranked = body.ranked as {
      rank: number;
      index: number;
      id: string;
      probability: number;
      prediction_id: string;
    }[];
    expect(ranked).toHaveLength(5);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    const all = await post('/v1/models/matchmaking:predict', {
      instances: lawyers.map(({ id: _id, ...lawyer }) => ({ ...client, ...lawyer })),
    });
    const probabilities = all.body.predictions as number[];
    const best = [...probabilities.keys()].sort((a, b) => probabilities[b]! - probabilities[a]!).slice(0, 5);
    expect(ranked.map((r) => r.index)).toEqual(best);
    ranked.forEach((r) => {
      expect(r.id).toBe(`lawyer-${r.index}`);
      expect(Math.abs(r.probability - probabilities[r.index]!)).toBeLessThanOrEqual(TOLERANCE);
      expect(r.prediction_id).toMatch(UUID_V7);
    });
  });
});

describe('serve: explanations on the rank route', () => {
  const rankRequest = (top_k: number) => {
    const rows = sample().map(requestRow);
    const client = Object.fromEntries(Object.entries(rows[0]!).filter(([k]) => k.startsWith('client_')));
    const lawyers = rows.map((r) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('client_'))),
    );
    return { client, lawyers, top_k, explain: true };
  };
  type Ranked = {
    index: number;
    probability: number;
    explanation: {
      base_value: number;
      method: string;
      top: { column: string; value: unknown; contribution: number; phrase: string }[];
      reason: string;
    };
  };

  it("explains each ranked lawyer: the version's own seeded attributions against its training rows, top columns signed, one reason line", async () => {
    const request = rankRequest(2);
    const { status, body } = await post('/v1/match/rank', request);
    expect({ status, error: body.error }).toEqual({ status: 200, error: undefined });
    const ranked = body.ranked as Ranked[];
    expect(ranked).toHaveLength(2);
    // The same explanation computed outside the server, from the version's files and snapshot.
    const loaded = await loadVersionExplainer({
      registry: fixture.registry,
      snapshotsDir: fixture.project.paths.snapshotsDir,
      version: fixture.versions[0]!,
    });
    try {
      const table = parseDatasetCsv(
        rowsToCsv(request.lawyers.map((l) => ({ ...request.client, ...l, match_success: 0 }) as never)),
        'pairs.csv',
      );
      for (const r of ranked) {
        const local = loaded.explainer.explain(table, r.index, { method: 'sampled' });
        // Adds up: base value + attributions = the probability the route returned.
        const sum = local.baseValue + local.attributions.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - r.probability)).toBeLessThanOrEqual(1e-5);
        expect(Math.abs(r.explanation.base_value - local.baseValue)).toBeLessThanOrEqual(1e-9);
        expect(r.explanation.method).toBe('sampled');
        const byColumn = new Map(local.columns.map((c, j) => [c, local.attributions[j]!]));
        const largest = [...byColumn.values()].map(Math.abs).sort((a, b) => b - a);
        expect(r.explanation.top).toHaveLength(3);
        r.explanation.top.forEach((c, k) => {
          expect(c.contribution).toBeCloseTo(byColumn.get(c.column)!, 9);
          expect(Math.abs(c.contribution)).toBeCloseTo(largest[k]!, 9);
          expect(c.value).toBe(
            (request.lawyers[r.index]! as Record<string, unknown>)[c.column] ?? request.client[c.column],
          );
        });
        expect(r.explanation.reason.split('; ')).toHaveLength(3);
        expect(r.explanation.reason).toMatch(/^[^;]+, [+−±]\d\.\d\d(; [^;]+, [+−±]\d\.\d\d){2}$/);
      }
    } finally {
      loaded.dispose();
    }
  });

  it('v2 infer with parameters.explain: one JSON explanation per row as a BYTES output, the same as the rank route', async () => {
    const request = rankRequest(3);
    const rank = await post('/v1/match/rank', request);
    expect(rank.status).toBe(200);
    const ranked = rank.body.ranked as Ranked[];
    const rows = ranked.map((r) => ({ ...request.client, ...request.lawyers[r.index]! }) as never);
    for (const path of [
      '/v2/models/matchmaking/infer',
      `/v2/models/matchmaking/versions/${fixture.versions[0]!}/infer`,
    ]) {
      const { status, body } = await post(path, { parameters: { explain: true }, inputs: v2Inputs(rows) });
      expect({ status, error: body.error }).toEqual({ status: 200, error: undefined });
      expect(body.parameters).toMatchObject({ explain: true, explain_method: 'sampled' });
      const outputs = body.outputs as { name: string; datatype: string; shape: number[]; data: unknown[] }[];
      const probability = outputs.find((o) => o.name === 'match_probability')!.data as number[];
      const output = outputs.find((o) => o.name === 'explanation')!;
      expect({ datatype: output.datatype, shape: output.shape }).toEqual({ datatype: 'BYTES', shape: [3] });
      const parsed = (output.data as string[]).map((d) => JSON.parse(d) as Ranked['explanation']);
      parsed.forEach((e, i) => {
        // Same content as the rank route's explanation of the same pair.
        expect(e).toEqual(ranked[i]!.explanation);
        expect(Math.abs(probability[i]! - ranked[i]!.probability)).toBeLessThanOrEqual(TOLERANCE);
      });
    }
    // base value + all attributions = the probability v2 returned (1e-5), for each row.
    const loaded = await loadVersionExplainer({
      registry: fixture.registry,
      snapshotsDir: fixture.project.paths.snapshotsDir,
      version: fixture.versions[0]!,
    });
    try {
      const table = parseDatasetCsv(
        rowsToCsv(rows.map((r) => ({ ...(r as object), match_success: 0 }) as never)),
        'pairs.csv',
      );
      ranked.forEach((r, i) => {
        const local = loaded.explainer.explain(table, i, { method: 'sampled' });
        const sum = local.baseValue + local.attributions.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - r.probability)).toBeLessThanOrEqual(1e-5);
      });
    } finally {
      loaded.dispose();
    }
    const wrongType = await post('/v2/models/matchmaking/infer', {
      parameters: { explain: 'yes' },
      inputs: v2Inputs(rows),
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error).toMatch(/parameters\/explain must be boolean/);
    const noExplain = await post('/v2/models/matchmaking/infer', {
      outputs: [{ name: 'explanation' }],
      inputs: v2Inputs(rows),
    });
    expect(noExplain.status).toBe(400);
    expect(noExplain.body.error).toBe('output "explanation" needs the request parameter "explain": true');
  });

  it('refuses, with a 400 and before scoring, explanations that would not fit the time budget', async () => {
    const config = resolveServingConfig(
      fixture.project.paths,
      { port: 0 },
      { SERVING_EXPLAIN_BUDGET_MS: '1' },
    );
    const tight = await startServer(config, pino({ level: 'silent' }));
    try {
      const response = await fetch(`${tight.url}/v1/match/rank`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rankRequest(20)),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { problem: string; error: string };
      expect(body.problem).toBe('EXPLAIN_OVER_BUDGET');
      expect(body.error).toMatch(
        /^explaining 20 lawyers would take about \d+ ms, over this server's budget of 1 ms \(SERVING_EXPLAIN_BUDGET_MS\); ask for fewer with "top_k"$/,
      );
      // Nothing was scored: no prediction counted (none logged for a response never sent).
      const counted = (await tight.metrics.predictions.get()).values.reduce((a, v) => a + v.value, 0);
      expect(counted).toBe(0);
      const v2 = await fetch(`${tight.url}/v2/models/matchmaking/infer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ parameters: { explain: true }, inputs: v2Inputs(sample().map(requestRow)) }),
      });
      expect(v2.status).toBe(400);
      expect(((await v2.json()) as { problem: string }).problem).toBe('EXPLAIN_OVER_BUDGET');
      const after = (await tight.metrics.predictions.get()).values.reduce((a, v) => a + v.value, 0);
      expect(after).toBe(0);
    } finally {
      await tight.close();
    }
  });
});

describe('serve: bad input', () => {
  const one = () => requestRow(fixture.rows[0]!);

  it('names the input, row and problem; never a stack', async () => {
    const cases: [unknown, number, string, string][] = [
      [
        { instances: [one(), { ...one(), lawyer_rating: 7 }] },
        400,
        'OUT_OF_RANGE',
        'instances[1].lawyer_rating: expected a number between 1 and 5, got "7"',
      ],
      [
        { instances: [{ ...one(), client_region: 'mars' }] },
        400,
        'UNKNOWN_CATEGORY',
        'instances[0].client_region: expected one of north, south, east, west, central, got "mars"',
      ],
      [
        { instances: [{ ...one(), client_age: 'old' }] },
        400,
        'WRONG_TYPE',
        'instances[0].client_age: expected a JSON integer, got the string "old"',
      ],
      [{ instances: [{ ...one(), extra: 1 }] }, 400, 'EXTRA_COLUMN', ''],
      [
        { instances: Array.from({ length: 51 }, one) },
        400,
        'TOO_MANY_ROWS',
        '"instances" has 51 rows; this server accepts at most 50 per request (SERVING_MAX_ROWS)',
      ],
      [{ instances: [], signature: 'x' }, 400, 'MALFORMED_REQUEST', ''],
      ['{"instances": [', 400, 'MALFORMED_REQUEST', ''],
    ];
    for (const [body, status, problem, message] of cases) {
      const response = await post('/v1/models/matchmaking:predict', body);
      expect([response.status, response.body.problem]).toEqual([status, problem]);
      if (message) expect(response.body.error).toBe(message);
      expect(JSON.stringify(response.body)).not.toMatch(/\n\s+at |\.ts:|node_modules/);
    }
    const v2 = await post('/v2/models/matchmaking/infer', {
      inputs: v2Inputs([one(), one()]).map((input) =>
        input.name === 'client_age' ? { ...input, datatype: 'BYTES', data: ['30', '31'] } : input,
      ),
    });
    expect(v2.body).toEqual({
      error:
        'input "client_age": datatype BYTES does not fit this column; send INT64 (accepted: INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, FP32, FP64)',
      problem: 'BAD_TENSOR',
      input: 'client_age',
    });
    const shape = await post('/v2/models/matchmaking/infer', {
      inputs: v2Inputs([one(), one()]).map((input) =>
        input.name === 'distance_km' ? { ...input, data: [1, null] } : input,
      ),
    });
    expect(shape.body).toEqual({
      error: 'input "distance_km", row 1: expected a value, got null',
      problem: 'BLANK_CELL',
      input: 'distance_km',
      row: 1,
    });
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await post('/v1/models/matchmaking:predict', {
      instances: Array.from({ length: 400 }, one),
    });
    expect(response.status).toBe(413);
    expect(response.body.error).toBe(
      "the request body is larger than this server's limit of 65536 bytes (SERVING_BODY_LIMIT_BYTES)",
    );
  });

  it('refuses the admin reload without a token when none is configured', async () => {
    const response = await post('/admin/reload', {});
    expect(response.status).toBe(401);
    expect(response.body.problem).toBe('UNAUTHORIZED');
  });
});

describe('serve: metrics and the prediction log', () => {
  it('exposes requests by route, status and version, latency, load time, the served version and log health', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(
      new RegExp(
        `legalaid_serving_requests_total\\{route="v2_infer",status="200",model_version="${fixture.versions[0]}"\\} \\d+`,
      ),
    );
    expect(text).toMatch(
      /legalaid_serving_requests_total\{route="tfserving_predict",status="400",model_version="none"\} \d+/,
    );
    expect(text).toMatch(
      /legalaid_serving_request_duration_seconds_bucket\{le="0.001",route="v2_infer"\} \d+/,
    );
    expect(text).toMatch(/legalaid_serving_model_load_seconds_count\{outcome="ok"\} [1-9]/);
    expect(text).toContain(`legalaid_serving_model_version_served{model_version="${fixture.versions[0]}"} 1`);
    expect(text).toMatch(
      /legalaid_serving_prediction_log_dropped_total \d|legalaid_serving_prediction_log_written_total \d/,
    );
    expect(text).toMatch(/legalaid_serving_tfjs_backend\{backend="(wasm|cpu|tensorflow)"\} 1/);
  });

  it('logs every prediction with its id, time, version, input row and probability', async () => {
    const rows = sample().slice(0, 3).map(requestRow);
    const { body } = await post(`/v1/models/matchmaking/versions/${fixture.versions[1]}:predict`, {
      instances: rows,
    });
    await server.predictionLog.flush();
    const store = new FilePredictionLogStore(
      resolveServingConfig(fixture.project.paths, {}, {}).predictionLogDir,
    );
    const entries = new Map<string, PredictionLogEntry>();
    for await (const entry of readPredictionLog(store)) entries.set(entry.id, entry);
    (body.prediction_ids as string[]).forEach((id, i) => {
      const entry = entries.get(id)!;
      expect(entry).toMatchObject({
        version: fixture.versions[1],
        route: 'tfserving',
        arm: 'pinned',
        model: 'matchmaking',
      });
      expect(entry.input).toEqual(rows[i]);
      expect(entry.probability).toBe((body.predictions as number[])[i]);
      expect(Date.now() - Date.parse(entry.time)).toBeLessThan(60_000);
    });
  });
});

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectExperimentBatch, logLoss, START_CURSOR, type ExperimentCursor } from './collect-batch';

let root: string;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'collect-batch-'));
  await fs.mkdir(path.join(root, 'log'));
  await fs.mkdir(path.join(root, 'outcomes'));
});
afterEach(() => fs.rm(root, { recursive: true, force: true }));

const logFile = () => path.join(root, 'log', 'predictions-2026-11-30.a.jsonl');
const outcomeFile = () => path.join(root, 'outcomes', 'outcomes.jsonl');

function row(id: string, arm: string, request: string, candidate: number | null, production: number) {
  return JSON.stringify({
    id,
    time: '2026-11-30T08:00:00.000Z',
    version: arm === 'canary_candidate' ? 'vC' : 'vP',
    arm,
    request_id: request,
    input: {},
    probability: arm === 'canary_candidate' ? candidate : production,
    experiment: {
      id: 'exp',
      stage: arm === 'shadow' ? 'shadow' : 'canary',
      candidate: 'vC',
      production: 'vP',
      candidate_probability: candidate,
      production_probability: production,
      candidate_ms: candidate === null ? null : 2,
      production_ms: 1,
      candidate_error: candidate === null ? 'not loadable' : null,
    },
  });
}

const collect = (cursor: ExperimentCursor) =>
  collectExperimentBatch({
    experimentId: 'exp',
    logDir: path.join(root, 'log'),
    outcomesDir: path.join(root, 'outcomes'),
    fromDay: '2026-11-30',
    cursor,
  });

it('counts each row and outcome once across batches, and a cut-off line only once it is whole', async () => {
  await fs.writeFile(
    logFile(),
    [
      row('a1', 'canary_candidate', 'r1', 0.8, 0.6),
      row('a2', 'canary_candidate', 'r1', 0.7, 0.5),
      row('b1', 'canary_production', 'r2', 0.4, 0.3),
      JSON.stringify({ id: 'other', arm: 'production', probability: 0.5, input: {} }),
      '',
    ].join('\n') + row('c1', 'shadow', 'r3', null, 0.2).slice(0, 40), // a line cut short mid-write
  );
  await fs.writeFile(
    outcomeFile(),
    `${JSON.stringify({ prediction_id: 'a1', match_success: 1 })}\n${JSON.stringify({ prediction_id: 'b1', match_success: 0 })}\n`,
  );
  const first = await collect(START_CURSOR);
  expect(first.batch.predictions).toEqual({
    shadow: 0,
    canaryCandidate: 2,
    canaryProduction: 1,
    unassigned: 0,
  });
  expect(first.batch.traffic.candidateRequests).toBe(2); // r1 and r2: requests, not rows
  expect(first.batch.outcomesJoined).toBe(2);
  expect(first.batch.outcomes.success.candidate).toEqual({ n: 1, sum: 1, sumSquares: 1 });
  expect(first.batch.outcomes.success.production).toEqual({ n: 1, sum: 0, sumSquares: 0 });
  expect(first.batch.outcomes.pairedLogLoss.sum).toBeCloseTo(
    logLoss(0.8, 1) - logLoss(0.6, 1) + (logLoss(0.4, 0) - logLoss(0.3, 0)),
    12,
  );
  // The same cursor gives the same batch (a retried activity).
  expect(await collect(START_CURSOR)).toEqual(first);
  // Nothing new: an empty batch.
  const again = await collect(first.cursor);
  expect(again.batch.outcomesJoined).toBe(0);
  expect(again.batch.traffic.candidateRequests).toBe(0);
  // The cut-off line is completed, and a late outcome arrives for a row counted earlier.
  await fs.appendFile(logFile(), `${row('c1', 'shadow', 'r3', null, 0.2).slice(40)}\n`);
  await fs.appendFile(outcomeFile(), `${JSON.stringify({ prediction_id: 'a2', match_success: 0 })}\n`);
  const second = await collect(first.cursor);
  expect(second.batch.predictions.shadow).toBe(1);
  expect(second.batch.traffic.candidateErrors).toBe(1);
  expect(second.batch.outcomes.success.candidate).toEqual({ n: 1, sum: 0, sumSquares: 0 });
  expect(second.batch.outcomesJoined).toBe(1);
});

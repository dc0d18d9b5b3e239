import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StartRunInput } from './run-store';

/** A fresh temp folder for a test's run store. */
export async function makeTempRunsDir(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tracking-'));
  return path.join(root, 'runs');
}

/** A valid retrain run start; override any field. */
export function retrainStart(overrides: Partial<StartRunInput> = {}): StartRunInput {
  return {
    id: 'retrain-20261128-133600-3f2a9c1d',
    kind: 'retrain',
    workflowId: 'retrain-wf',
    runId: 'run-1',
    params: { algorithm: 'logistic', batchSize: 32, epochs: 10, earlyStopping: true },
    datasetMd5: '29bb766419c0c1972b0eccfca13ee4db',
    startedAt: '2026-11-28T13:36:00.000Z',
    ...overrides,
  };
}

/**
 * Simulated clients and outcomes for the experiment tests: rank requests to a
 * real serving process from a pool of client ids, outcomes that favour one
 * version's answers, what the prediction log and the outcome store hold for
 * an experiment, and a wait on an experiment workflow's status.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { Rng } from '../../src/data/random';
import { FileOutcomeStore } from '../../src/monitoring/outcomes/outcome-store';
import { FilePredictionLogStore, readPredictionLog } from '../../src/serving/prediction-log';
import type { RunningServer } from '../../src/serving/server';
import { experimentStatusQuery, type ExperimentStatus } from '../../workflows/experiment-messages';
import { requestRow, type ServingFixture } from './serving-fixture';

/** Traffic and outcomes against one serving process. */
export interface ExperimentTraffic {
  /** A rank request: one client, two lawyers, from the fixture's rows. */
  rankBody(i: number, clientId: string): { client: object; lawyers: object[]; client_id: string };
  /**
   * Sends `requests` rank requests (two lawyers each) from a pool of 60 clients;
   * with `withOutcomes`, records an outcome per ranked lawyer, a success far
   * more often (0.9 against 0.15) when `better` answered.
   */
  traffic(requests: number, withOutcomes: boolean, better: string): Promise<void>;
  /** What the files hold for an experiment: rows per arm and outcomes joined per arm. */
  truth(experimentId: string): Promise<{ rows: Record<string, number>; joined: Record<string, number> }>;
}

/**
 * Traffic for `server`, which serves `fixture`'s project and logs predictions
 * to `logDir`; outcomes go to the project's `outcomes/` (where the experiment
 * activities read them).
 */
export function experimentTraffic(
  fixture: ServingFixture,
  server: RunningServer,
  logDir: string,
  rng: Rng,
): ExperimentTraffic {
  const outcomes = () => new FileOutcomeStore(`${fixture.project.paths.root}/outcomes`);
  const rankBody = (i: number, clientId: string) => {
    const pick = fixture.rows.slice((i * 2) % 500, ((i * 2) % 500) + 2).map(requestRow);
    const client = Object.fromEntries(Object.entries(pick[0]!).filter(([k]) => k.startsWith('client_')));
    const lawyers = pick.map((r) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('client_'))),
    );
    return { client, lawyers, client_id: clientId };
  };
  return {
    rankBody,
    async traffic(requests, withOutcomes, better) {
      const labelled: { id: string; y: 0 | 1 }[] = [];
      for (let i = 0; i < requests; i++) {
        const response = await fetch(`${server.url}/v1/match/rank`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(rankBody(i, `client-${rng.int(60)}`)),
        });
        if (response.status !== 200) throw new Error(`rank request answered ${response.status}`);
        const body = (await response.json()) as {
          model_version: string;
          ranked: { prediction_id: string }[];
        };
        const p = body.model_version === better ? 0.9 : 0.15;
        for (const r of body.ranked) labelled.push({ id: r.prediction_id, y: rng.next() < p ? 1 : 0 });
      }
      await server.predictionLog.flush(); // outcomes are accepted only for logged predictions
      if (withOutcomes) {
        await outcomes().record(
          labelled.map(({ id, y }) => ({ outcome: { predictionId: id, matchSuccess: y, observedAt: null } })),
          (ids) => Promise.resolve(new Set(ids)),
          'test',
        );
      }
    },
    async truth(experimentId) {
      const stored = await outcomes().all();
      const rows: Record<string, number> = {
        shadow: 0,
        canary_candidate: 0,
        canary_production: 0,
        unassigned: 0,
      };
      const joined: Record<string, number> = { canary_candidate: 0, canary_production: 0, all: 0 };
      for await (const e of readPredictionLog(new FilePredictionLogStore(logDir))) {
        if (e.experiment?.id !== experimentId) continue;
        rows[e.arm] = (rows[e.arm] ?? 0) + 1;
        if (stored.has(e.id)) {
          joined.all = (joined.all ?? 0) + 1;
          if (e.arm in joined) joined[e.arm] = (joined[e.arm] ?? 0) + 1;
        }
      }
      return { rows, joined };
    },
  };
}

/**
 * Polls an experiment's `status` query until `check` holds (within 180 s);
 * fails at once, with the last status, when the workflow ends first.
 */
export async function waitForExperiment(
  handle: WorkflowHandle,
  check: (s: ExperimentStatus) => boolean | Promise<boolean>,
  what: string,
): Promise<ExperimentStatus> {
  const deadline = Date.now() + 180_000;
  let last: ExperimentStatus | undefined;
  while (Date.now() < deadline) {
    try {
      last = await handle.query(experimentStatusQuery);
      if (await check(last)) return last;
    } catch {
      // no worker has answered yet
    }
    const { status: state } = await handle.describe();
    if (state.name !== 'RUNNING' && state.name !== 'CONTINUED_AS_NEW') {
      throw new Error(`${what}: the workflow ended (${state.name}); last status ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${what}: not reached; last status ${JSON.stringify(last)}`);
}

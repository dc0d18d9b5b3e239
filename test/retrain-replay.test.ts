/**
 * Retrains in flight must replay on today's workflow code. The history below
 * was recorded with the retrain workflow as it was before the experiment
 * policy (main at a347d04): a first retrain, qualified, approved through the
 * update, promoted — it passes the point where the experiment stage now sits.
 * With no `experiment` field (policy off) the workflow must issue exactly the
 * same commands, so the replay must not meet a nondeterminism error.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';

jest.setTimeout(300_000);

/**
 * Binary protobuf (`History.encode` of `handle.fetchHistory()`): the SDK's `historyFromJSON`
 * fails in this install (@temporalio/common nests its own protobufjs, so its `instanceof Type`
 * check refuses @temporalio/proto's types).
 */
const HISTORY = path.join(__dirname, 'reference/histories/retrain-promoted-before-experiments.binpb');

it('replays a retrain recorded before the experiment policy (policy off issues the same commands)', async () => {
  const history = temporal.api.history.v1.History.decode(await fs.readFile(HISTORY));
  const events = history.events ?? [];
  // The recording went past the approval to the switch: the stretch the experiment stage now precedes.
  const activities = events
    .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)
    .filter((name): name is string => typeof name === 'string');
  expect(activities).toEqual(
    expect.arrayContaining(['evaluateCandidate', 'readApprovalPolicy', 'promoteCandidate']),
  );
  await expect(
    Worker.runReplayHistory(
      { workflowsPath: require.resolve('../workflows') },
      history,
      'retrain-before-experiments',
    ),
  ).resolves.toBeUndefined();
});

/**
 * People steer a running experiment, on a real Temporal dev server with real
 * trained versions: pause, resume, set-share and abort through the validated
 * `experiment-control` update, through signals sent by the stock `temporal`
 * CLI, and through `npm run cli -- experiment …`. Every control is recorded
 * with who and when and shows in `status`; a bad update is refused naming the
 * field, a malformed signal is logged and ignored without failing a workflow
 * task; pausing takes the candidate out of the routing table serving follows
 * and resuming puts it back; abort ends with routing off and production
 * untouched, and the experiment's HTML report is written at the end.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { readRoutingTable } from '../src/experiments/routing-table';
import { ExperimentRouter } from '../src/serving/experiment-router';
import type { experimentWorkflow } from '../workflows';
import {
  experimentControlUpdate,
  experimentStatusQuery,
  type ControlInput,
  type ExperimentInput,
  type ExperimentResult,
  type ExperimentStatus,
} from '../workflows/experiment-messages';
import { experimentWorkflowId } from '../workflows/workflow-ids';
import { checkReportInChromium } from './helpers/chromium';
import { runCli, runCliFailing, type CliTarget } from './helpers/cli-runner';
import { pipelineHarness, type PipelineHarness } from './helpers/pipeline-harness';
import { createServingFixture, type ServingFixture } from './helpers/serving-fixture';
import { startDevServer, temporalCliPath } from './helpers/temporal-servers';

jest.setTimeout(600_000);
const exec = promisify(execFile);
const EventType = temporal.api.enums.v1.EventType;

let env: TestWorkflowEnvironment;
let fixture: ServingFixture;
let harness: PipelineHarness;
let production: string;
let candidate: string;

beforeAll(async () => {
  [env, fixture] = await Promise.all([startDevServer(), createServingFixture(2, 600)]);
  harness = pipelineHarness(env, fixture.project);
  [production, candidate] = fixture.versions as [string, string];
}, 300_000);
afterAll(async () => {
  await env?.teardown();
  await fixture?.project.remove();
});

const INPUT: Omit<ExperimentInput, 'candidate'> = {
  policy: 'canary',
  canaryShare: 0.3,
  batchInterval: '1s',
  maxDuration: '10 minutes',
  onBetter: 'report',
  requestedBy: 'test',
};

async function startExperiment(workflowId: string): Promise<WorkflowHandle<typeof experimentWorkflow>> {
  const handle = await env.client.workflow.start<typeof experimentWorkflow>('experimentWorkflow', {
    taskQueue: harness.taskQueue,
    workflowId,
    args: [{ ...INPUT, candidate }],
  });
  await waitFor(handle, (s) => s.stage === 'canary', 'canary stage');
  await tableSays(workflowId, 'canary');
  return handle;
}

async function waitFor(
  handle: WorkflowHandle,
  check: (s: ExperimentStatus) => boolean,
  what: string,
): Promise<ExperimentStatus> {
  const deadline = Date.now() + 120_000;
  let last: ExperimentStatus | undefined;
  while (Date.now() < deadline) {
    last = await handle.query(experimentStatusQuery).catch(() => last);
    if (last && check(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: not reached; last status ${JSON.stringify(last)}`);
}

/** Waits until the routing table names this experiment in `stage` (with `fields`), and returns its entry. */
async function tableSays(experimentId: string, stage: string, fields: Record<string, unknown> = {}) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const e = (await readRoutingTable(fixture.project.paths.modelsDir)).table?.experiment;
    const matches = (entry: NonNullable<typeof e>) =>
      Object.entries(fields).every(([k, v]) => (entry as unknown as Record<string, unknown>)[k] === v);
    if (e?.id === experimentId && e.stage === stage && matches(e)) return e;
    if (Date.now() > deadline) throw new Error(`routing table never said ${stage}: ${JSON.stringify(e)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Which version serving's router sends 200 clients to, as a set (re-reading the table first). */
async function versionsServing(): Promise<Set<string>> {
  const router = new ExperimentRouter(fixture.project.paths.modelsDir);
  await router.refresh();
  const versions = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const decision = router.route({ route: 'rank', clientKey: `client-${i}`, productionVersion: production });
    versions.add(decision!.version);
  }
  return versions;
}

async function refusal(handle: WorkflowHandle, control: unknown): Promise<string> {
  const error = await handle.executeUpdate(experimentControlUpdate, { args: [control as ControlInput] }).then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error).toBeDefined();
  return (error!.cause as Error | undefined)?.message ?? error!.message;
}

async function workflowTaskFailures(handle: WorkflowHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
    .length;
}

/** The control records are who/when/how, and `at` is a time within the test. */
function expectRecorded(
  status: ExperimentStatus,
  expected: { action: string; by: string; via: string }[],
  since: number,
) {
  expect(status.controls.map(({ action, by, via }) => ({ action, by, via }))).toEqual(expected);
  for (const c of status.controls) {
    expect(Date.parse(c.at)).toBeGreaterThanOrEqual(since - 1000);
    expect(Date.parse(c.at)).toBeLessThanOrEqual(Date.now() + 1000);
  }
}

async function endsAborted(
  handle: WorkflowHandle<typeof experimentWorkflow>,
  by: string,
): Promise<ExperimentResult> {
  const result = await handle.result();
  expect(result.outcome).toBe('aborted');
  expect(result.reason).toContain(`aborted by ${by}`);
  expect(await tableSays(handle.workflowId, 'off')).toMatchObject({ canaryShare: 0, updatedBy: by });
  expect(await versionsServing()).toEqual(new Set([production]));
  expect(await fixture.registry.productionVersion()).toBe(production); // production untouched
  expect(result.reportPath).toBe(`reports/experiments/${handle.workflowId}.html`);
  expect(existsSync(path.join(fixture.project.paths.root, result.reportPath!))).toBe(true);
  return result;
}

it('updates: bad payloads refused naming the field; pause takes the candidate out of routing, resume restores it, abort ends with routing off', async () => {
  await harness.withWorker(async () => {
    const since = Date.now();
    const handle = await startExperiment(`experiment-updates-${randomUUID()}`);
    expect((await versionsServing()).has(candidate)).toBe(true);

    expect(await refusal(handle, { action: 'pause' })).toMatch(/^by /);
    expect(await refusal(handle, { action: 'pause', by: '   ' })).toMatch(/^by must name who asks/);
    expect(await refusal(handle, { action: 'set_share', share: 0.9, by: 'ana' })).toMatch(/^share .*0\.5/);
    expect(await refusal(handle, { action: 'set_share', share: '0.2', by: 'ana' })).toMatch(/^share /);
    expect(await refusal(handle, { action: 'explode', by: 'ana' })).toMatch(/^action /);
    expect(await refusal(handle, { action: 'pause', by: 'ana', colour: 'red' })).toMatch(/colour/);
    expect(await refusal(handle, { action: 'resume', by: 'ana' })).toBe('the experiment is not paused');
    expect((await handle.query(experimentStatusQuery)).controls).toEqual([]);

    const paused = await handle.executeUpdate(experimentControlUpdate, {
      args: [{ action: 'pause', by: 'ana', reason: 'incident' }],
    });
    expect(paused).toMatchObject({ action: 'pause', by: 'ana', reason: 'incident', via: 'update' });
    expect(await tableSays(handle.workflowId, 'paused')).toMatchObject({ canaryShare: 0, updatedBy: 'ana' });
    expect(await versionsServing()).toEqual(new Set([production]));
    expect(await refusal(handle, { action: 'pause', by: 'ana' })).toBe('the experiment is paused already');
    expect((await handle.query(experimentStatusQuery)).paused).toBe(true);

    await handle.executeUpdate(experimentControlUpdate, { args: [{ action: 'resume', by: 'ben' }] });
    expect(await tableSays(handle.workflowId, 'canary')).toMatchObject({
      canaryShare: 0.3,
      updatedBy: 'ben',
    });
    expect(await versionsServing()).toEqual(new Set([production, candidate]));

    await handle.executeUpdate(experimentControlUpdate, {
      args: [{ action: 'abort', by: 'cy', reason: 'done' }],
    });
    await endsAborted(handle, 'cy');
    const final = await handle.query(experimentStatusQuery);
    expectRecorded(
      final,
      [
        { action: 'pause', by: 'ana', via: 'update' },
        { action: 'resume', by: 'ben', via: 'update' },
        { action: 'abort', by: 'cy', via: 'update' },
      ],
      since,
    );
    expect(final.timeline!.stages.map((s) => s.stage)).toEqual(['canary', 'completed']);
    expect(await workflowTaskFailures(handle)).toBe(0);
  });
});

it('signals from the stock temporal CLI: malformed ones logged and ignored, valid ones recorded and routed', async () => {
  // The in-process worker's runtime logger (DefaultLogger at WARN) writes workflow logs to stderr.
  const warnings: string[] = [];
  const original = process.stderr.write;
  const capture = (chunk: unknown, ...rest: unknown[]): boolean => {
    warnings.push(String(chunk));
    if (/Ignoring \w+ signal/.test(String(chunk))) return true; // expected: kept out of the test output
    return (original as (...args: unknown[]) => boolean).apply(process.stderr, [chunk, ...rest]);
  };
  process.stderr.write = capture;
  try {
    await harness.withWorker(async () => {
      const since = Date.now();
      const handle = await startExperiment(`experiment-signals-${randomUUID()}`);
      const id = handle.workflowId;
      const signal = async (name: string, input?: string) => {
        const args = ['workflow', 'signal', '--address', env.address, '--workflow-id', id, '--name', name];
        await exec(temporalCliPath(), input === undefined ? args : [...args, '--input', input]);
      };
      const malformed: [string, string | undefined][] = [
        ['pause', undefined],
        ['pause', '"ana"'],
        ['pause', 'null'],
        ['pause', '{"by":""}'],
        ['pause', '{"by":"ana","share":0.2}'],
        ['pause', '{"by":"ana","colour":"red"}'],
        ['set-share', '{"by":"ana"}'],
        ['set-share', '{"share":0.9,"by":"ana"}'],
        ['set-share', '{"share":"lots","by":"ana"}'],
        ['resume', '{"by":"ana"}'], // not paused
        ['abort', '[1,2]'],
      ];
      for (const [name, input] of malformed) await signal(name, input);
      // A valid one after them: once it is recorded, every earlier signal has been handled.
      await signal('set-share', '{"share":0.2,"by":"ana","reason":"more data"}');
      const afterShare = await waitFor(handle, (s) => s.controls.length > 0, 'set-share recorded');
      expect(afterShare.stage).toBe('canary');
      expect(afterShare.controls).toHaveLength(1);
      expect(await tableSays(id, 'canary', { canaryShare: 0.2 })).toMatchObject({ updatedBy: 'ana' });
      // Each malformed signal was logged by the worker (workflow log → the runtime's logger → stderr).
      const ignored = warnings.filter((w) => /Ignoring (pause|resume|set_share|abort) signal/.test(w));
      expect(ignored.length).toBeGreaterThanOrEqual(malformed.length);

      await signal('pause', '{"by":"ben","reason":"incident"}');
      await waitFor(handle, (s) => s.paused, 'paused');
      await tableSays(id, 'paused');
      expect(await versionsServing()).toEqual(new Set([production]));
      await signal('resume', '{"by":"ben"}');
      await waitFor(handle, (s) => !s.paused, 'resumed');
      expect(await tableSays(id, 'canary')).toMatchObject({ canaryShare: 0.2 });
      expect((await versionsServing()).has(candidate)).toBe(true);
      await signal('abort', '{"by":"cy","reason":"wrong build"}');
      await endsAborted(handle, 'cy');
      expectRecorded(
        await handle.query(experimentStatusQuery),
        [
          { action: 'set_share', by: 'ana', via: 'signal' },
          { action: 'pause', by: 'ben', via: 'signal' },
          { action: 'resume', by: 'ben', via: 'signal' },
          { action: 'abort', by: 'cy', via: 'signal' },
        ],
        since,
      );
      expect(await workflowTaskFailures(handle)).toBe(0);
    });
  } finally {
    process.stderr.write = original;
  }
});

it('the experiment CLI end to end: start, status, set-share (refused and taken), pause, resume, report, abort', async () => {
  const target: CliTarget = {
    temporalAddress: env.address,
    projectRoot: fixture.project.paths.root,
    taskQueue: harness.taskQueue,
  };
  const cli = (...args: string[]) => runCli(target, 'experiment', ...args);
  await harness.withWorker(async () => {
    const started = await cli(
      'start',
      candidate,
      '--requested-by',
      'dee',
      '--policy',
      'canary',
      '--share',
      '0.3',
      '--batch-interval',
      '1s',
      '--report',
    );
    const id = experimentWorkflowId(candidate);
    expect(started).toContain(`Started experiment ${id} (canary, canary share 0.3)`);
    const handle = env.client.workflow.getHandle<typeof experimentWorkflow>(id);
    await waitFor(handle, (s) => s.stage === 'canary' && s.report !== null, 'first batch');
    expect(await cli('status', candidate)).toMatch(/Stage: canary; canary share 0\.3/);

    const refused = await runCliFailing(target, 'experiment', 'set-share', candidate, '0.9', '--by', 'dee');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Refused: share .*0\.5/);
    expect(await cli('set-share', candidate, '0.4', '--by', 'dee', '--reason', 'more data')).toMatch(
      /^set_share 0\.4 recorded: by dee at /,
    );
    expect((await waitFor(handle, (s) => s.canaryShare === 0.4, 'share 0.4')).canaryShare).toBe(0.4);
    expect(await cli('pause', id, '--by', 'eve')).toMatch(/^pause recorded: by eve at /);
    expect(await cli('status', id)).toContain('(paused)');
    expect(await cli('resume', id, '--by', 'eve')).toMatch(/^resume recorded: by eve/);
    expect(await tableSays(id, 'canary')).toMatchObject({ canaryShare: 0.4 });

    const report = await cli('report', candidate);
    const htmlPath = path.join(fixture.project.paths.reportsDir, 'experiments', `${id}.html`);
    expect(report).toContain(htmlPath);
    const check = await checkReportInChromium(htmlPath);
    expect(check.consoleErrors).toEqual([]);
    expect(check.svgCount).toBeGreaterThanOrEqual(3); // the course, counts, p-values (no outcomes: no effect yet)

    expect(await cli('abort', candidate, '--by', 'eve', '--reason', 'seen enough')).toMatch(
      /^abort recorded/,
    );
    await endsAborted(handle, 'eve');
    const status = JSON.parse(await cli('status', id, '--json')) as ExperimentStatus;
    expect(status.controls.map((c) => `${c.action}:${c.by}:${c.via}`)).toEqual([
      'set_share:dee:update',
      'pause:eve:update',
      'resume:eve:update',
      'abort:eve:update',
    ]);
    expect(status.outcome).toBe('aborted');
  });
});

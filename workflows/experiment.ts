/**
 * The experiment workflow: shadow → canary → decision for one candidate
 * version against production, decided by the always-valid sequential test
 * (mSPRT, `src/experiments/msprt.ts`) after every batch, with guardrails per
 * window that roll back to 0 % automatically.
 *
 * The workflow only decides and waits. Its state is running sums and a
 * cursor into the prediction log and the outcome store (never rows); the
 * activities collect each batch after the cursor and fold it, and the state
 * advances only with a batch the workflow received, so a killed worker or
 * server process changes no count and no decision. Serving follows the
 * routing table the workflow publishes (`models/routing.json`).
 */
import { msToNumber, type Duration } from '@temporalio/common';
import {
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import { addBatchPoint, addStageChange, startTimeline } from '../src/experiments/timeline';
import { ApprovalGate } from './approval-gate';
import {
  abortSignal,
  controlInputSchema,
  experimentControlUpdate,
  ExperimentStage,
  experimentStatusQuery,
  pauseSignal,
  resumeSignal,
  setShareSignal,
  signalControlSchema,
  type ControlAction,
  type ControlInput,
  type ControlRecord,
  type ExperimentCarry,
  type ExperimentInput,
  type ExperimentOutcome,
  type ExperimentResult,
  type ExperimentStatus,
} from './experiment-messages';

type Activities = ReturnType<typeof createActivities>;

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 10, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

// The report is a by-product: a few tries, and an experiment never fails for want of it.
const reportActs = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

/** Controls kept in state (older ones stay in history). */
const MAX_CONTROLS_KEPT = 100;

/** Runs an experiment; see the module comment. */
export async function experimentWorkflow(raw: ExperimentInput): Promise<ExperimentResult> {
  const { carried, ...fields } = raw ?? ({} as ExperimentInput);
  const nowIso = () => new Date().toISOString();
  const experimentId = carried?.experimentId ?? workflowInfo().workflowId;
  let status: ExperimentStatus = {
    experimentId,
    candidate: typeof fields.candidate === 'string' ? fields.candidate : '',
    production: carried?.production ?? null,
    policy: carried?.options.policy ?? 'shadow_then_canary',
    stage: carried?.stage ?? ExperimentStage.Starting,
    paused: carried?.paused ?? false,
    canaryShare: carried?.canaryShare ?? 0,
    startedAt: carried?.startedAt ?? nowIso(),
    deadline: carried?.deadline ?? null,
    report: carried?.report ?? null,
    breach: null,
    controls: carried?.controls ?? [],
    run: (carried?.run ?? 0) + 1,
    timeline: carried?.timeline ?? null,
  };
  setHandler(experimentStatusQuery, () => status);
  // The input is parsed (defaults filled in) by the first activity; a bad one fails it, non-retryable.
  const prepared = carried ? undefined : await acts.prepareExperiment({ input: fields });
  const input = carried?.options ?? prepared!.options;
  const ms = (text: string) => msToNumber(text as Duration);
  const production = carried?.production ?? prepared!.production;
  const fromDay = carried?.fromDay ?? prepared!.fromDay;
  status = {
    ...status,
    candidate: input.candidate,
    policy: input.policy,
    canaryShare: carried?.canaryShare ?? input.canaryShare,
    production,
  };
  let routingDirty = false;
  let abortRequested: ControlRecord | undefined;
  const running = () =>
    status.stage === ExperimentStage.Shadow ||
    status.stage === ExperimentStage.Canary ||
    status.stage === ExperimentStage.Starting;

  /** Why a control cannot be taken now (undefined: it can). */
  const refusal = (control: ControlInput): string | undefined => {
    const stage = status.stage;
    if (control.action === 'abort') {
      return running()
        ? undefined
        : `the experiment is ${stage}: nothing to abort (reject a waiting candidate)`;
    }
    if (!running()) return `the experiment is ${stage}: only running experiments take ${control.action}`;
    if (control.action === 'pause' && status.paused) return 'the experiment is paused already';
    if (control.action === 'resume' && !status.paused) return 'the experiment is not paused';
    if (control.action === 'set_share' && input.policy === 'shadow')
      return 'a shadow-only experiment has no canary share';
    return undefined;
  };
  const apply = (control: ControlInput, via: ControlRecord['via']): ControlRecord => {
    const record: ControlRecord = {
      action: control.action,
      by: control.by.trim(),
      at: nowIso(),
      ...(control.action === 'set_share' ? { share: control.share } : {}),
      ...(control.reason ? { reason: control.reason } : {}),
      via,
    };
    if (control.action === 'set_share') status = { ...status, canaryShare: control.share };
    if (control.action === 'pause') status = { ...status, paused: true };
    if (control.action === 'resume') status = { ...status, paused: false };
    if (control.action === 'abort') abortRequested = record;
    status = { ...status, controls: [...status.controls, record].slice(-MAX_CONTROLS_KEPT) };
    routingDirty = true;
    return record;
  };
  setHandler(
    experimentControlUpdate,
    (control: ControlInput) => apply(controlInputSchema.parse(control), 'update'),
    {
      validator: (control: ControlInput) => {
        const checked = controlInputSchema.safeParse(control);
        if (!checked.success) {
          const issue = checked.error.issues[0]!;
          throw new Error(`${issue.path.join('.') || 'control'} ${issue.message}`);
        }
        const reason = refusal(checked.data);
        if (reason) throw new Error(reason);
      },
    },
  );
  const onSignal = (action: ControlAction) => (arg: unknown) => {
    const checked = signalControlSchema.safeParse(arg);
    const control = checked.success ? controlInputSchema.safeParse({ ...checked.data, action }) : checked;
    if (!control.success) {
      log.warn(`Ignoring ${action} signal: ${control.error.issues[0]?.message ?? 'invalid'}`, { arg });
      return;
    }
    const reason = refusal(control.data);
    if (reason) log.warn(`Ignoring ${action} signal: ${reason}`, { arg });
    else apply(control.data, 'signal');
  };
  setHandler(setShareSignal, onSignal('set_share'));
  setHandler(pauseSignal, onSignal('pause'));
  setHandler(resumeSignal, onSignal('resume'));
  setHandler(abortSignal, onSignal('abort'));
  // The retrain's approval gate: approve/reject signals and the validated approval update.
  const gate = new ApprovalGate(
    () => status.stage,
    (record) => {
      status = { ...status, approval: record };
    },
  );
  gate.install();
  const startedMs = Date.parse(status.startedAt);
  const deadlineMs = carried ? Date.parse(carried.deadline) : startedMs + ms(input.maxDuration);
  let shadowEndsMs: number | null = carried
    ? carried.shadowEndsAt === null
      ? null
      : Date.parse(carried.shadowEndsAt)
    : input.policy === 'shadow_then_canary'
      ? startedMs + ms(input.shadowDuration)
      : null;
  let stats = carried?.stats ?? prepared!.stats;
  let cursor = carried?.cursor ?? prepared!.cursor;
  status = {
    ...status,
    deadline: new Date(deadlineMs).toISOString(),
    stage: carried?.stage ?? (input.policy === 'canary' ? ExperimentStage.Canary : ExperimentStage.Shadow),
  };
  status = {
    ...status,
    timeline: status.timeline ?? startTimeline(input.settings, status.stage, status.startedAt),
  };
  /** Moves to `stage`, noting when in the timeline. */
  const enter = (stage: ExperimentStage) => {
    status = { ...status, stage, timeline: addStageChange(status.timeline!, stage, nowIso()) };
  };

  const publish = async (
    stage: 'shadow' | 'canary' | 'paused' | 'off',
    by: string,
    reason: string,
  ): Promise<void> => {
    await acts.publishRouting({
      experimentId,
      candidate: input.candidate,
      production,
      stage,
      canaryShare: stage === 'canary' ? status.canaryShare : 0,
      updatedBy: by,
      reason,
      at: nowIso(),
    });
  };
  const routingStage = () =>
    status.paused ? 'paused' : status.stage === ExperimentStage.Canary ? 'canary' : 'shadow';
  const finish = async (outcome: ExperimentOutcome, reason: string): Promise<ExperimentResult> => {
    enter(ExperimentStage.Completed);
    status = { ...status, outcome, reason };
    const written = await reportActs.writeExperimentReport({ status }).catch((error: unknown) => {
      log.warn('The experiment report could not be written', { error: String(error) });
      return undefined;
    });
    return {
      outcome,
      reason,
      candidate: input.candidate,
      production,
      report: status.report,
      ...(gate.answer ? { approval: gate.answer } : {}),
      controls: status.controls,
      ...(written ? { reportPath: written.htmlPath } : {}),
    };
  };
  const stop = async (outcome: ExperimentOutcome, reason: string, by = 'experiment') => {
    await publish('off', by, reason);
    return finish(outcome, reason);
  };

  if (!carried) await publish(routingStage(), input.requestedBy, `experiment started (${input.policy})`);

  const intervalMs = ms(input.batchInterval);
  let batchesThisRun = 0;
  let verdict: 'candidate_better' | undefined;
  for (;;) {
    await condition(() => routingDirty || abortRequested !== undefined, intervalMs);
    if (abortRequested) {
      const who = abortRequested;
      return stop('aborted', `aborted by ${who.by}${who.reason ? `: ${who.reason}` : ''}`, who.by);
    }
    if (routingDirty) {
      routingDirty = false;
      const last = status.controls[status.controls.length - 1];
      await publish(routingStage(), last?.by ?? 'experiment', `${last?.action ?? 'control'} by ${last?.by}`);
      continue; // a control is not a batch: wait for the next interval
    }
    const analysed = await acts.analyseExperiment({
      experimentId,
      fromDay,
      cursor,
      stats,
      settings: input.settings,
    });
    ({ stats, cursor } = analysed);
    batchesThisRun++;
    status = {
      ...status,
      report: analysed.report,
      timeline: addBatchPoint(status.timeline!, analysed.report, analysed.judged, {
        at: nowIso(),
        stage: status.stage,
        paused: status.paused,
        canaryShare: status.stage === ExperimentStage.Canary ? status.canaryShare : 0,
      }),
    };
    const breaches = analysed.judged?.breaches ?? [];
    if (breaches.length > 0) {
      status = { ...status, breach: analysed.judged };
      return stop(
        'rolled_back',
        `guardrail breached, candidate rolled back to 0 %: ${breaches.map((b) => b.message).join('; ')}`,
      );
    }
    const stageNow = status.stage;
    const testVerdict = stageNow === ExperimentStage.Canary ? analysed.armVerdict : analysed.pairedVerdict;
    // Shadow decides by the paired log loss (both versions on the same rows), canary by the arms' metric.
    if (testVerdict === 'candidate_worse') {
      return stop(
        'candidate_worse',
        `the sequential test found the candidate worse in the ${stageNow} stage`,
      );
    }
    if (
      testVerdict === 'candidate_better' &&
      (stageNow === ExperimentStage.Canary || input.policy === 'shadow')
    ) {
      verdict = 'candidate_better';
      break;
    }
    const now = Date.now();
    if (now >= deadlineMs) {
      return stop('inconclusive', `no decision within ${input.maxDuration}`);
    }
    if (stageNow === ExperimentStage.Shadow && shadowEndsMs !== null && now >= shadowEndsMs) {
      shadowEndsMs = null;
      enter(ExperimentStage.Canary);
      if (!status.paused)
        await publish('canary', 'experiment', `shadow stage over after ${input.shadowDuration}: canary`);
    }
    if (batchesThisRun >= input.batchesPerRun || workflowInfo().continueAsNewSuggested) {
      const carry: ExperimentCarry = {
        options: input,
        experimentId,
        production,
        fromDay,
        startedAt: status.startedAt,
        deadline: new Date(deadlineMs).toISOString(),
        shadowEndsAt: shadowEndsMs === null ? null : new Date(shadowEndsMs).toISOString(),
        stage: status.stage === ExperimentStage.Canary ? 'canary' : 'shadow',
        paused: status.paused,
        canaryShare: status.canaryShare,
        stats,
        cursor,
        controls: status.controls,
        run: status.run,
        report: status.report,
        timeline: status.timeline!,
      };
      await condition(() => true); // let pending handlers finish
      return continueAsNew<typeof experimentWorkflow>({ ...fields, carried: carry });
    }
  }

  // The test decided for the candidate: stop sending it traffic, then a person decides.
  const test = input.policy === 'shadow' ? status.report?.pairedLogLoss : status.report?.armTest;
  const reason = `the sequential test found the candidate better (always-valid p = ${test?.pValue.toPrecision(3)})`;
  await publish('off', 'experiment', reason);
  if (input.onBetter === 'report') return finish(verdict, reason);
  const { approvers } = await acts.readApprovalPolicy();
  const deadline = new Date(Date.now() + ms(input.approvalTimeout)).toISOString();
  gate.open(approvers, deadline);
  enter(ExperimentStage.AwaitingApproval);
  status = { ...status, approvalDeadline: deadline };
  const decided = await gate.awaitAnswer(ms(input.approvalTimeout));
  if (!decided) return finish('timed_out', `${reason}; no approval within ${input.approvalTimeout}`);
  if (decided.answer === 'reject') {
    return finish(
      'rejected',
      `rejected by ${decided.approver}${decided.comment ? `: ${decided.comment}` : ''}`,
    );
  }
  enter(ExperimentStage.Promoting);
  await acts.promoteCandidate({ version: input.candidate, expectedProduction: production });
  return finish('promoted', `approved by ${decided.approver}; ${reason}`);
}

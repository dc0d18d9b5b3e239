import { Context } from '@temporalio/activity';
import {
  AlertStateStore,
  alertVerdict,
  driftAlertMessage,
  driftFingerprint,
  episodeVerdict,
  performanceAlertMessage,
  performanceFingerprint,
  postJson,
} from '../src/alerts';
import type { DriftAlertSummary, PerformanceAlertSummary } from '../src/alerts';
import { isDomainError } from '../src/core/errors';
import type { ActivityDeps } from './deps';
import { toActivityFailure } from './failures';
import { callingWorkflow } from './workflow-execution';

/** Input of `announceDrift`. */
export interface AnnounceDriftInput {
  readonly summary: DriftAlertSummary;
  /** Re-announce an unchanged drift state after this long. */
  readonly cooldownMs: number;
}

/** What `announceDrift` did, and why. */
export interface AnnounceDriftResult {
  readonly sent: boolean;
  readonly reason:
    | 'new_episode'
    | 'drift_changed'
    | 'cooldown_elapsed'
    | 'already_announced'
    | 'no_drift'
    | 'no_webhook_configured';
}

/** Input of `raiseAlert`: an operational problem a person must look at. */
export interface RaiseAlertInput {
  /** One line: what is wrong, e.g. `Promotion of v… keeps failing`. */
  readonly title: string;
  /** What happened and what to do, with the error message. */
  readonly text: string;
}

/** Input of `announceDegradation`. */
export interface AnnounceDegradationInput {
  /** The rule's verdict this period: `degraded` sends (once per episode), `ok` ends the episode, else nothing changes. */
  readonly status: string;
  /** Set when `status` is `degraded`. */
  readonly summary: PerformanceAlertSummary | null;
  readonly cooldownMs: number;
}

/** Alerting activities. */
export function createAlertActivities(deps: ActivityDeps) {
  return {
    /**
     * Posts an operational alert (Slack-compatible `{ text }`) to ALERT_WEBHOOK_URL,
     * and logs it as an error either way, so a problem that keeps a workflow
     * retrying — a full disk, a folder that cannot be written — reaches a person.
     * Idempotent per workflow run and title.
     */
    async raiseAlert(input: RaiseAlertInput): Promise<{ sent: boolean }> {
      const { workflowId, runId } = callingWorkflow();
      deps.logger.error({ workflowId, title: input.title, text: input.text }, 'alert raised');
      if (!deps.alertWebhookUrl) return { sent: false };
      try {
        await postJson(
          deps.alertWebhookUrl,
          { text: `*${input.title}*\n${input.text}\n(workflow ${workflowId})` },
          { idempotencyKey: `${workflowId}/${runId}/${input.title}` },
        );
      } catch (error) {
        throw toActivityFailure(error);
      }
      return { sent: true };
    },
    /**
     * Announces dataset drift to ALERT_WEBHOOK_URL once per drift episode. The
     * episode's fingerprint is remembered only after the webhook accepted the
     * message, so a failing webhook is retried by Temporal and the alert is not
     * lost; a check without drift ends the episode.
     */
    async announceDrift(input: AnnounceDriftInput): Promise<AnnounceDriftResult> {
      const store = AlertStateStore.forModel(
        deps.paths.reportsDir,
        deps.modelName,
        'drift',
        deps.reportsStore,
      );
      const fingerprint = driftFingerprint(input.summary);
      const verdict = alertVerdict(
        await store.read(),
        { datasetDrift: input.summary.datasetDrift, fingerprint },
        new Date(),
        input.cooldownMs,
      );
      if (verdict.reason === 'no_drift') await store.clear();
      if (!verdict.send) return { sent: false, reason: verdict.reason };
      if (!deps.alertWebhookUrl) {
        deps.logger.warn(
          { fingerprint },
          'dataset drift found but ALERT_WEBHOOK_URL is not set: nobody was alerted',
        );
        return { sent: false, reason: 'no_webhook_configured' };
      }
      const { workflowId, runId } = callingWorkflow();
      try {
        await postJson(deps.alertWebhookUrl, driftAlertMessage(input.summary), {
          idempotencyKey: `${workflowId}/${runId}`,
        });
      } catch (error) {
        // A 4xx answer is final (a wrong URL or a revoked token); anything else is retried.
        if (!isDomainError(error) || error.retryable) {
          deps.logger.warn(
            { attempt: Context.current().info.attempt, err: error },
            'drift alert not delivered; Temporal will retry',
          );
        }
        throw toActivityFailure(error);
      }
      await store.recordAnnounced({ fingerprint, announcedAt: new Date().toISOString() });
      deps.logger.info({ fingerprint, reason: verdict.reason }, 'drift alert sent');
      return { sent: true, reason: verdict.reason };
    },

    /**
     * Announces a performance degradation to ALERT_WEBHOOK_URL, the drift
     * alert's webhook, with the same once-per-episode rule: an episode is the
     * same production version degraded on the same metric; a period where the
     * rule holds again (`ok`) ends it; too few outcomes change nothing.
     */
    async announceDegradation(input: AnnounceDegradationInput): Promise<AnnounceDriftResult> {
      const store = AlertStateStore.forModel(
        deps.paths.reportsDir,
        deps.modelName,
        'performance',
        deps.reportsStore,
      );
      if (input.status !== 'degraded' || !input.summary) {
        if (input.status === 'ok') await store.clear();
        return { sent: false, reason: 'no_drift' };
      }
      const fingerprint = performanceFingerprint(input.summary);
      const verdict = episodeVerdict(
        await store.read(),
        { active: true, fingerprint },
        new Date(),
        input.cooldownMs,
      );
      if (!verdict.send) return { sent: false, reason: verdict.reason };
      if (!deps.alertWebhookUrl) {
        deps.logger.warn(
          { fingerprint },
          'performance degraded but ALERT_WEBHOOK_URL is not set: nobody was alerted',
        );
        return { sent: false, reason: 'no_webhook_configured' };
      }
      const { workflowId, runId } = callingWorkflow();
      try {
        await postJson(deps.alertWebhookUrl, performanceAlertMessage(input.summary), {
          idempotencyKey: `${workflowId}/${runId}/performance`,
        });
      } catch (error) {
        throw toActivityFailure(error);
      }
      await store.recordAnnounced({ fingerprint, announcedAt: new Date().toISOString() });
      deps.logger.info({ fingerprint, reason: verdict.reason }, 'performance alert sent');
      return { sent: true, reason: verdict.reason };
    },
  };
}

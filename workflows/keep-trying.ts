import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { log, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';

/**
 * One round of a step that must not be given up lightly (a production switch,
 * the records after it): a few quick attempts, then the workflow decides —
 * alert, wait, try again. Kept short so a fixed disk is noticed within a minute.
 */
export const PERSISTENT_ROUND = {
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '15 seconds',
    maximumAttempts: 4,
    nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES,
  },
} as const;

const { raiseAlert } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

/** How long to keep trying and whom to tell. */
export interface KeepTryingOptions {
  /** What is being done, for alerts and logs: `switching production to v…`. */
  readonly what: string;
  /** Give up (rethrow the last failure) once this much time has passed; undefined: never. */
  readonly giveUpAfterMs?: number;
  /** Told once a round failed: the status query shows it. */
  readonly onTrouble?: (message: string) => void;
}

/** The innermost message of a failure chain (the activity's own error). */
export function failureMessage(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(error);
}

function isFinal(error: unknown): boolean {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  return cause instanceof ApplicationFailure && cause.nonRetryable === true;
}

/**
 * Runs `step` until it succeeds: each round is an activity call with
 * {@link PERSISTENT_ROUND}'s quick retries; between rounds the workflow waits
 * (5 s, doubling, at most 10 minutes) and alerts through `raiseAlert` after the
 * first failed round and every 12th after it. A non-retryable failure (bad
 * input, production moved) ends it at once; so does `giveUpAfterMs`.
 */
export async function keepTrying<T>(step: () => Promise<T>, options: KeepTryingOptions): Promise<T> {
  const started = Date.now();
  for (let round = 1; ; round++) {
    try {
      return await step();
    } catch (error) {
      if (isFinal(error)) throw error;
      const message = failureMessage(error);
      options.onTrouble?.(message);
      const givingUp = options.giveUpAfterMs !== undefined && Date.now() - started >= options.giveUpAfterMs;
      if (round === 1 || round % 12 === 0 || givingUp) {
        await alert(
          givingUp ? `Gave up ${options.what}` : `${options.what} keeps failing`,
          `${message}\nRound ${round}${givingUp ? '; giving up' : '; retrying with backoff'}.`,
        );
      }
      if (givingUp) throw error;
      log.warn(`${options.what} failed; trying again`, { round, error: message });
      await sleep(Math.min(5_000 * 2 ** (round - 1), 10 * 60_000));
    }
  }
}

/** Raises an alert; an alert that cannot be sent is logged, never fatal. */
async function alert(title: string, text: string): Promise<void> {
  try {
    await raiseAlert({ title, text });
  } catch (error) {
    log.warn('could not raise an alert', { title, error: failureMessage(error) });
  }
}

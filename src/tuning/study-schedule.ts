/**
 * When a study may start trial k and what it may show it. Trial k is
 * suggested from exactly the finished trials numbered 0 … k − P (P the
 * parallelism) and starts only once all of those have finished. Which worker
 * was fast, slow or killed then changes when a trial starts, never what it is
 * given: the suggestions, and the pruner's reference trials, equal those of an
 * uninterrupted run with the same seed.
 */
import { TrialState, type FinishedTrial } from './trial-record';

/** The finished trials trial `k` is suggested from (numbers 0 … k − parallelism, in order). */
export function visibleTrials(
  finished: readonly FinishedTrial[],
  k: number,
  parallelism: number,
): FinishedTrial[] {
  return finished.filter((t) => t.number <= k - parallelism).sort((a, b) => a.number - b.number);
}

/** Whether trial `k` may start: trials 0 … k − parallelism have all finished. */
export function mayStart(finished: readonly FinishedTrial[], k: number, parallelism: number): boolean {
  const done = new Set(finished.map((t) => t.number));
  for (let n = 0; n <= k - parallelism; n++) if (!done.has(n)) return false;
  return true;
}

/** The intermediate values of the complete trials among `trials`: the median pruner's reference. */
export function prunerReference(trials: readonly FinishedTrial[]): (number | null)[][] {
  return trials.filter((t) => t.state === TrialState.Complete).map((t) => [...t.intermediate]);
}

/** The best complete trial (highest value; the lower number on a tie), if any. */
export function bestTrial(trials: readonly FinishedTrial[]): FinishedTrial | undefined {
  let best: FinishedTrial | undefined;
  for (const t of trials) {
    if (t.state !== TrialState.Complete || typeof t.value !== 'number') continue;
    if (!best || t.value > (best.value ?? -Infinity) || (t.value === best.value && t.number < best.number))
      best = t;
  }
  return best;
}

/** The `k` best complete trials, best first. */
export function topTrials(trials: readonly FinishedTrial[], k: number): FinishedTrial[] {
  return trials
    .filter((t) => t.state === TrialState.Complete && typeof t.value === 'number')
    .sort((a, b) => b.value! - a.value! || a.number - b.number)
    .slice(0, k);
}

/**
 * Which prediction ids exist, read from the prediction log. A UUIDv7 id names
 * the day it was made, so only that day's files (and the neighbouring days,
 * for a prediction logged just across midnight) are read. Days that can no
 * longer change (before yesterday, UTC) are kept in memory, up to a bound.
 */
import { readPredictionLog } from '../../serving/prediction-log/reader';
import type { PredictionLogStore } from '../../serving/prediction-log/store';
import type { KnownPredictionIds } from './outcome-store';
import { uuidV7Day } from './prediction-id';

const DAY_MS = 86_400_000;

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Options of {@link PredictionIdIndex}. */
export interface PredictionIdIndexOptions {
  /** Closed days kept in memory, at most. @default 62 */
  readonly cachedDays?: number;
  /** Called before each lookup, e.g. to flush the log buffer of this process. */
  readonly beforeLookup?: () => Promise<void>;
  readonly now?: () => Date;
}

/** Looks prediction ids up in the prediction log. */
export class PredictionIdIndex {
  private readonly closedDays = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly store: PredictionLogStore,
    private readonly options: PredictionIdIndexOptions = {},
  ) {}

  /** The lookup as the outcome store takes it. */
  readonly known: KnownPredictionIds = async (ids) => {
    await this.options.beforeLookup?.();
    const days = new Set<string>();
    for (const id of ids) {
      const day = uuidV7Day(id);
      if (day) for (const d of [-1, 0, 1]) days.add(shiftDay(day, d));
    }
    const found = new Set<string>();
    const wanted = new Set(ids);
    for (const day of [...days].sort()) {
      for (const id of await this.idsOf(day)) if (wanted.has(id)) found.add(id);
    }
    return found;
  };

  private async idsOf(day: string): Promise<ReadonlySet<string>> {
    const cached = this.closedDays.get(day);
    if (cached) return cached;
    const ids = new Set<string>();
    for await (const entry of readPredictionLog(this.store, { from: day, to: day }))
      ids.add(entry.id.toLowerCase());
    const now = (this.options.now ?? (() => new Date()))();
    const yesterday = new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
    if (day < yesterday) {
      this.closedDays.set(day, ids);
      const limit = this.options.cachedDays ?? 62;
      while (this.closedDays.size > limit) this.closedDays.delete(this.closedDays.keys().next().value!);
    }
    return ids;
  }
}

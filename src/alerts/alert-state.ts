import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeJsonAtomic } from '../fs/atomic-write';

/** The last drift episode that was announced. */
export interface AnnouncedDrift {
  readonly fingerprint: string;
  readonly announcedAt: string;
}

/** Why an alert is (not) sent. */
export type AlertVerdict =
  | { readonly send: true; readonly reason: 'new_episode' | 'drift_changed' | 'cooldown_elapsed' }
  | { readonly send: false; readonly reason: 'already_announced' | 'no_drift' };

/**
 * Decides whether a drift check should alert. An episode is the run of
 * consecutive checks that find dataset drift; it is announced once, again when
 * its drift state changes (another production model or another set of drifted
 * columns), and again as a reminder once `cooldownMs` has passed.
 */
export function alertVerdict(
  last: AnnouncedDrift | undefined,
  current: { datasetDrift: boolean; fingerprint: string },
  now: Date,
  cooldownMs: number,
): AlertVerdict {
  if (!current.datasetDrift) return { send: false, reason: 'no_drift' };
  if (!last) return { send: true, reason: 'new_episode' };
  if (last.fingerprint !== current.fingerprint) return { send: true, reason: 'drift_changed' };
  if (now.getTime() - Date.parse(last.announcedAt) >= cooldownMs)
    return { send: true, reason: 'cooldown_elapsed' };
  return { send: false, reason: 'already_announced' };
}

/**
 * The same once-per-episode rule for any kind of alert (drift, performance
 * degradation): `active` says whether the condition holds in this check.
 */
export function episodeVerdict(
  last: AnnouncedDrift | undefined,
  current: { active: boolean; fingerprint: string },
  now: Date,
  cooldownMs: number,
): AlertVerdict {
  return alertVerdict(
    last,
    { datasetDrift: current.active, fingerprint: current.fingerprint },
    now,
    cooldownMs,
  );
}

/** File-backed memory of the last announced episode, one file per model and alert kind. */
export class AlertStateStore {
  constructor(private readonly file: string) {}

  /** The store for `model`'s `kind` of alert (drift by default) under `dir`. */
  static forModel(dir: string, model: string, kind = 'drift'): AlertStateStore {
    return new AlertStateStore(path.join(dir, `${model}-${kind}-alert.json`));
  }

  async read(): Promise<AnnouncedDrift | undefined> {
    try {
      return JSON.parse(await fs.readFile(this.file, 'utf8')) as AnnouncedDrift;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Remembers an announcement (written only after the webhook accepted it). */
  async recordAnnounced(state: AnnouncedDrift): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeJsonAtomic(this.file, state);
  }

  /** Ends the episode: the next drift is announced as new. */
  async clear(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }
}

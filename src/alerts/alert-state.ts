import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeJsonAtomic } from '../fs/atomic-write';
import type { ArtifactStore } from '../storage';

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

/**
 * Memory of the last announced episode, one record per model and alert kind:
 * a file in the reports folder, or, when workers share no folder, an object in
 * the shared store's `reports/` area, so an episode is announced once whichever
 * worker runs the check.
 */
export class AlertStateStore {
  /**
   * @param file - the local file
   * @param shared - the shared store and the record's key there; when set, the file is not used
   */
  constructor(
    private readonly file: string,
    private readonly shared?: { readonly store: ArtifactStore; readonly key: string },
  ) {}

  /** The store for `model`'s `kind` of alert (drift by default) under `dir`, or in `store` when given. */
  static forModel(dir: string, model: string, kind = 'drift', store?: ArtifactStore): AlertStateStore {
    const name = `${model}-${kind}-alert.json`;
    return new AlertStateStore(path.join(dir, name), store ? { store, key: name } : undefined);
  }

  async read(): Promise<AnnouncedDrift | undefined> {
    if (this.shared) {
      const found = await this.shared.store.getIfExists(this.shared.key);
      return found ? (JSON.parse(found.bytes.toString('utf8')) as AnnouncedDrift) : undefined;
    }
    try {
      return JSON.parse(await fs.readFile(this.file, 'utf8')) as AnnouncedDrift;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Remembers an announcement (written only after the webhook accepted it). */
  async recordAnnounced(state: AnnouncedDrift): Promise<void> {
    if (this.shared) {
      await this.shared.store.put(this.shared.key, Buffer.from(`${JSON.stringify(state)}\n`));
      return;
    }
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeJsonAtomic(this.file, state);
  }

  /** Ends the episode: the next drift is announced as new. */
  async clear(): Promise<void> {
    if (this.shared) return this.shared.store.delete(this.shared.key);
    await fs.rm(this.file, { force: true });
  }
}

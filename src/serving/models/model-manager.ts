/**
 * Which model versions a server process holds, and the switch of production.
 *
 * A switch happens only after the new version is loaded, its artifact
 * checksums verified and a warm-up prediction made; until then the old version
 * answers. Requests keep the version they started with (a lease taken when
 * they arrive). A version that fails any step is refused: the old one keeps
 * serving, the failure is logged and counted, and the poll tries that version
 * again only after a back-off (a notification tries at once).
 */
import { promises as fs } from 'node:fs';
import { ModelArtifactError } from '../../model/errors';
import { PreprocessorFileError } from '../../features/errors';
import { loadVersionScorer, type VersionScorer } from '../../pipeline/version-scorer';
import { RegistryError, RegistryErrorCode, isVersionName, type ModelRegistry } from '../../registry';
import { ServingError, ServingProblem, WarmUpError } from '../errors';
import type { ServingMetrics } from '../metrics';
import { LoadedVersion, type VersionLease } from './loaded-version';
import { warmUpRows } from './warm-up';

/** What made a server look at `models/production`. */
export type ReloadTrigger = 'startup' | 'poll' | 'notify';

/** The outcome of a look at `models/production`. */
export interface ReloadResult {
  /** The version answering un-pinned requests after the look (null: none yet). */
  readonly production: string | null;
  /** True when this look switched production. */
  readonly changed: boolean;
  /** The version production pointed to, when it was refused; with `error`. */
  readonly refused?: string;
  readonly error?: string;
}

/** The part of a pino logger the manager uses. */
export interface ManagerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Settings of {@link ModelManager}. */
export interface ModelManagerOptions {
  readonly registry: ModelRegistry;
  readonly metrics: ServingMetrics;
  readonly logger: ManagerLogger;
  /** Versions kept loaded (production included), for pinned requests and instant rollbacks. @default 3 */
  readonly cacheSize?: number;
  /** How long the poll leaves a refused version alone. @default 30000 */
  readonly refusedRetryMs?: number;
  /** Loads a version; tests inject failures. @default loadVersionScorer */
  readonly loadScorer?: (registry: ModelRegistry, version: string) => Promise<VersionScorer>;
}

/** Why a version could not be loaded, as a metric label. */
function failureReason(error: unknown): string {
  if (error instanceof RegistryError) return error.code.toLowerCase();
  if (error instanceof ModelArtifactError) return 'model_artifact';
  if (error instanceof PreprocessorFileError) return 'preprocessor';
  if (error instanceof WarmUpError) return 'warm_up';
  return 'error';
}

/** Holds the production version and a few others, and switches production safely. */
export class ModelManager {
  private current: LoadedVersion | undefined;
  private readonly loaded = new Map<string, LoadedVersion>();
  private readonly loading = new Map<string, Promise<LoadedVersion>>();
  private readonly refused = new Map<string, number>();
  private running: Promise<ReloadResult> | undefined;
  private queued: Promise<ReloadResult> | undefined;
  private queuedTrigger: ReloadTrigger | undefined;
  private closed = false;

  constructor(private readonly options: ModelManagerOptions) {}

  /** The version answering un-pinned requests, or undefined before the first successful load. */
  get productionVersion(): string | undefined {
    return this.current?.version;
  }

  /** A lease on production for a request that just arrived; undefined when there is none yet. */
  acquireProduction(): VersionLease | undefined {
    return this.current?.lease();
  }

  /**
   * A lease on any published version (a pinned request): production, a cached
   * version, or the version loaded now (verified and warmed up first).
   *
   * @throws ServingError 404 UNKNOWN_VERSION when it does not exist, 503 when it cannot be loaded
   */
  async acquireVersion(version: string): Promise<VersionLease> {
    if (this.current?.version === version) return this.current.lease();
    if (!isVersionName(version)) {
      throw new ServingError(404, ServingProblem.UnknownVersion, `model version "${version}" does not exist`);
    }
    try {
      return (await this.load(version)).lease();
    } catch (error) {
      if (error instanceof RegistryError && error.code === RegistryErrorCode.VersionNotFound) {
        throw new ServingError(404, ServingProblem.UnknownVersion, `model version "${version}" does not exist`);
      }
      throw new ServingError(
        503,
        ServingProblem.VersionUnavailable,
        `model version "${version}" cannot be served: it failed to load (${failureReason(error)}); see the server log`,
      );
    }
  }

  /** Names of every published version (for model metadata). */
  async publishedVersions(): Promise<string[]> {
    try {
      return (await fs.readdir(this.options.registry.layout.versionsDir)).filter(isVersionName).sort();
    } catch {
      return [];
    }
  }

  /**
   * Reads `models/production` and switches to it when it changed. Calls are
   * serialised; a call made while one runs is answered by one more look after
   * it (a notification that arrives mid-load is never lost).
   *
   * @param trigger - `notify` retries a refused version at once; `poll` waits for its back-off
   */
  reload(trigger: ReloadTrigger): Promise<ReloadResult> {
    if (this.running === undefined) {
      this.running = this.check(trigger)
        .catch((error: unknown) => {
          // Reading the pointer failed (e.g. the models folder is gone): keep serving, look again later.
          const production = this.current?.version ?? null;
          this.options.logger.error(
            { err: (error as Error).message, serving: production, trigger },
            'could not read models/production; still serving the current version',
          );
          return { production, changed: false, error: (error as Error).message };
        })
        .finally(() => {
          this.running = undefined;
        });
      return this.running;
    }
    // One more look after the running one, shared by every call made meanwhile
    // (as a notification if any of them is one: it skips the refusal back-off).
    if (trigger === 'notify' || this.queuedTrigger === undefined) this.queuedTrigger = trigger;
    this.queued ??= this.running.then(() => {
      const queuedTrigger = this.queuedTrigger ?? trigger;
      this.queued = undefined;
      this.queuedTrigger = undefined;
      return this.reload(queuedTrigger);
    });
    return this.queued;
  }

  /** Retires every version (each is disposed of once its last request finishes). */
  close(): void {
    this.closed = true;
    for (const version of this.loaded.values()) version.retire();
    this.loaded.clear();
  }

  private async check(trigger: ReloadTrigger): Promise<ReloadResult> {
    const { registry, logger, metrics } = this.options;
    const served = (): string | null => this.current?.version ?? null;
    const target = await registry.productionVersion();
    if (this.closed || target === undefined || target === this.current?.version) {
      return { production: served(), changed: false };
    }
    const refusedAt = this.refused.get(target);
    if (trigger === 'poll' && refusedAt !== undefined && Date.now() - refusedAt < (this.options.refusedRetryMs ?? 30_000)) {
      return { production: served(), changed: false, refused: target, error: 'refused earlier; retried after the back-off' };
    }
    let next: LoadedVersion;
    try {
      // A version already in memory is verified again: its files may have changed since.
      if (this.loaded.has(target)) await registry.verifiedVersionDir(target);
      next = await this.load(target);
    } catch (error) {
      this.refused.set(target, Date.now());
      const reason = failureReason(error);
      metrics.modelLoadFailures.inc({ model_version: target, reason });
      logger.error(
        { version: target, reason, err: (error as Error).message, serving: served(), trigger },
        `model version ${target} refused: it failed to load; still serving ${served() ?? 'nothing'}`,
      );
      return { production: served(), changed: false, refused: target, error: (error as Error).message };
    }
    this.refused.delete(target);
    const previous = this.current;
    this.current = next;
    if (previous) metrics.servedVersion.set({ model_version: previous.version }, 0);
    metrics.servedVersion.set({ model_version: next.version }, 1);
    metrics.modelSwitches.inc({ trigger });
    logger.info(
      { version: next.version, previous: previous?.version ?? null, trigger, loadSeconds: next.loadSeconds },
      `now serving model version ${next.version}`,
    );
    this.evict();
    return { production: next.version, changed: true };
  }

  /** Loads a version once (concurrent callers share the load), verified and warmed up. */
  private load(version: string): Promise<LoadedVersion> {
    const ready = this.loaded.get(version);
    if (ready) {
      // Most recently used last: the eviction order.
      this.loaded.delete(version);
      this.loaded.set(version, ready);
      return Promise.resolve(ready);
    }
    let pending = this.loading.get(version);
    if (pending === undefined) {
      pending = this.loadFresh(version).finally(() => this.loading.delete(version));
      this.loading.set(version, pending);
    }
    return pending;
  }

  private async loadFresh(version: string): Promise<LoadedVersion> {
    const { registry, metrics } = this.options;
    const started = performance.now();
    const scorer = await (this.options.loadScorer ?? loadVersionScorer)(registry, version);
    let loaded: LoadedVersion;
    try {
      const probability = scorer.predict(scorer.encode(warmUpRows().table, [0]))[0];
      if (probability === undefined || !(probability >= 0 && probability <= 1)) {
        throw new WarmUpError(`the warm-up prediction of ${version} is ${String(probability)}, not a probability`);
      }
      loaded = new LoadedVersion(scorer, (performance.now() - started) / 1000);
    } catch (error) {
      scorer.dispose();
      metrics.modelLoadSeconds.observe({ outcome: 'failed' }, (performance.now() - started) / 1000);
      throw error;
    }
    metrics.modelLoadSeconds.observe({ outcome: 'ok' }, loaded.loadSeconds);
    if (this.closed) loaded.retire();
    else {
      this.loaded.set(version, loaded);
      this.evict();
    }
    return loaded;
  }

  /** Retires the least recently used versions beyond the cache size; production stays. */
  private evict(): void {
    const limit = Math.max(1, this.options.cacheSize ?? 3);
    for (const [version, loaded] of this.loaded) {
      if (this.loaded.size <= limit) break;
      if (loaded === this.current) continue;
      this.loaded.delete(version);
      loaded.retire();
    }
  }
}

/**
 * A model version held in memory by a server, with a count of the requests
 * using it, so a version replaced by a promotion is only disposed of once the
 * requests that started on it have finished.
 */
import type { VersionScorer } from '../../pipeline/version-scorer';
import type { DecodedRows } from '../request/decode-columns';

/** A request's hold on a loaded version; release it once the response is sent. */
export interface VersionLease {
  readonly loaded: LoadedVersion;
  /** Idempotent. */
  release(): void;
}

const rangeCache: Uint32Array[] = [];

/** 0..n-1 as row indices (cached: every request scores all of its rows). */
function allRows(n: number): Uint32Array {
  let rows = rangeCache[n];
  if (rows === undefined) {
    rows = Uint32Array.from({ length: n }, (_, i) => i);
    if (n <= 4096) rangeCache[n] = rows;
  }
  return rows;
}

/** A loaded, verified and warmed-up model version. */
export class LoadedVersion {
  private leases = 0;
  private retired = false;
  private disposed = false;

  /**
   * @param scorer - the version's preprocessing and model
   * @param loadSeconds - how long loading, verifying and warming up took
   */
  constructor(
    readonly scorer: VersionScorer,
    readonly loadSeconds: number,
  ) {}

  get version(): string {
    return this.scorer.version;
  }

  /** Holds the version until the lease is released. */
  lease(): VersionLease {
    if (this.disposed) throw new Error(`model version ${this.version} was disposed of`);
    this.leases++;
    let released = false;
    return {
      loaded: this,
      release: () => {
        if (released) return;
        released = true;
        this.leases--;
        this.disposeIfUnused();
      },
    };
  }

  /**
   * Predicted probabilities for every row, through the version's own
   * preprocessing and weights (the path evaluation scores with).
   */
  score(rows: DecodedRows): Float32Array {
    return this.scorer.predict(this.scorer.encode(rows.table, allRows(rows.rowCount)));
  }

  /** No new leases are expected; the model is disposed of when the last one is released. */
  retire(): void {
    this.retired = true;
    this.disposeIfUnused();
  }

  /** Requests holding the version now. */
  get activeLeases(): number {
    return this.leases;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private disposeIfUnused(): void {
    if (this.retired && this.leases === 0 && !this.disposed) {
      this.disposed = true;
      this.scorer.dispose();
    }
  }
}

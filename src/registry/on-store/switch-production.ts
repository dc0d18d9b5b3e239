/**
 * Promotion and rollback on a registry whose pointers live in an artifact store
 * (pointers.ts): the same rules as the folder registry's promotion.ts — verify
 * the version, refuse when production moved since the decision, keep the
 * replaced version as the rollback target, record the switch — but the switch
 * is one conditional write of both pointers, so there is no half-switched
 * state to finish after a crash, and of two promoters only one can win.
 */
import type { ArtifactStore } from '../../storage';
import { RegistryError, RegistryErrorCode } from '../errors';
import type { SwitchTrail } from '../switch-record';
import { readPointers, switchPointers, type PointersSnapshot } from './pointers';
import { recordSwitchOnStore } from './switch-log';

/** What a switch did (the same shape as the folder registry's `ProductionSwitch`). */
export interface StoreSwitchResult {
  readonly production: string;
  readonly previous?: string;
  readonly alreadyInPlace: boolean;
}

/** What a switch on the store needs besides the store. */
export interface StoreSwitchOptions {
  /** Verifies a version's artifacts against its manifest (throws CHECKSUM_MISMATCH / VERSION_NOT_FOUND). */
  readonly verify: (version: string) => Promise<void>;
  /** Who asked and why, for the history. */
  readonly trail?: SwitchTrail;
  /** Called once the pointers are switched, before the history is written (tests crash there). */
  readonly afterSwitch?: () => void | Promise<void>;
  /** Called once a switch made here has its history record written (tests crash there too). */
  readonly afterRecord?: () => void | Promise<void>;
}

function moved(seen: PointersSnapshot, now: PointersSnapshot): RegistryError {
  return new RegistryError(
    RegistryErrorCode.ProductionChanged,
    `another switch won: production moved from ${seen.pointers.production ?? 'empty'} to ` +
      `${now.pointers.production ?? 'empty'} while this one was being made; nothing was changed`,
    'pointers.json',
  );
}

/**
 * Makes `version` production if production is still `expectedProduction`.
 * A retry that finds `version` in production already writes the history record
 * a crash may have cut off and reports `alreadyInPlace`.
 *
 * @throws RegistryError PRODUCTION_CHANGED (also when a concurrent promoter
 *   won), CHECKSUM_MISMATCH, VERSION_NOT_FOUND
 */
export async function promoteOnStore(
  store: ArtifactStore,
  version: string,
  expectedProduction: string | undefined,
  options: StoreSwitchOptions,
): Promise<StoreSwitchResult> {
  await options.verify(version);
  const seen = await readPointers(store);
  const { production, previous } = seen.pointers;
  const entry = { action: 'promote' as const, production: version, ...options.trail };
  if (production === version) {
    await recordSwitchOnStore(store, seen.pointers.generation, { ...entry, previous });
    return { production: version, ...(previous ? { previous } : {}), alreadyInPlace: true };
  }
  if (production !== (expectedProduction ?? null)) {
    throw new RegistryError(
      RegistryErrorCode.ProductionChanged,
      `production is ${production ?? 'empty'} but the candidate was compared with ${expectedProduction ?? 'no production'}; re-run the comparison`,
      version,
    );
  }
  const switched = await switchPointers(store, seen, { production: version, previous: production });
  if (!switched) throw moved(seen, await readPointers(store));
  await options.afterSwitch?.();
  await recordSwitchOnStore(store, switched.generation, { ...entry, previous: production });
  await options.afterRecord?.();
  return { production: version, ...(production ? { previous: production } : {}), alreadyInPlace: false };
}

/**
 * Restores `target` (default: the previous version) and keeps the replaced
 * production as the new rollback target. With `expected` (the pointers as the
 * caller planned on), a retry that finds the rollback done reports
 * `alreadyInPlace`, and pointers that moved otherwise refuse the rollback.
 *
 * @throws RegistryError NO_PREVIOUS_VERSION, PRODUCTION_CHANGED, CHECKSUM_MISMATCH
 */
export async function rollbackOnStore(
  store: ArtifactStore,
  expected: { production: string | undefined; previous: string | undefined; target?: string } | undefined,
  options: StoreSwitchOptions,
): Promise<StoreSwitchResult> {
  const seen = await readPointers(store);
  const { production, previous } = seen.pointers;
  const target = expected ? (expected.target ?? expected.previous) : (previous ?? undefined);
  const entry = { action: 'rollback' as const, ...options.trail };
  if (
    expected &&
    production !== null &&
    production === target &&
    production !== (expected.production ?? null)
  ) {
    if (previous === (expected.production ?? null)) {
      await recordSwitchOnStore(store, seen.pointers.generation, { ...entry, production, previous });
      return { production, ...(previous ? { previous } : {}), alreadyInPlace: true };
    }
  }
  if (
    expected &&
    (production !== (expected.production ?? null) || previous !== (expected.previous ?? null))
  ) {
    throw new RegistryError(
      RegistryErrorCode.ProductionChanged,
      `production moved during the rollback (now ${production ?? 'empty'}, previous ${previous ?? 'none'}); nothing was changed`,
      'pointers.json',
    );
  }
  if (target === undefined || target === production) {
    throw new RegistryError(
      RegistryErrorCode.NoPreviousVersion,
      'there is no previous production version to roll back to',
      'pointers.json',
    );
  }
  await options.verify(target);
  const switched = await switchPointers(store, seen, { production: target, previous: production });
  if (!switched) throw moved(seen, await readPointers(store));
  await options.afterSwitch?.();
  await recordSwitchOnStore(store, switched.generation, {
    ...entry,
    production: target,
    previous: production,
  });
  await options.afterRecord?.();
  return { production: target, ...(production ? { previous: production } : {}), alreadyInPlace: false };
}

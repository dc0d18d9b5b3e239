import path from 'node:path';
import { fsyncDirectory } from '../fs/atomic-write';
import { removeStaleTemporaryLinks, replaceSymlinkAtomic, type LinkSwitchStep } from './atomic-fs';
import { RegistryError, RegistryErrorCode } from './errors';
import type { ModelRegistry } from './model-registry';
import { promoteOnStore, rollbackOnStore, type StoreSwitchOptions } from './on-store/switch-production';
import {
  appendSwitchHistory,
  appendSwitchHistoryIfMissing,
  type SwitchHistoryEntry,
  type SwitchTrail,
} from './switch-history';

/** What a production switch did. */
export interface ProductionSwitch {
  readonly production: string;
  /** The version kept as the rollback target, if there was a production before. */
  readonly previous?: string;
  /** True when production already pointed at the version (a retried promotion). */
  readonly alreadyInPlace: boolean;
}

/**
 * The steps of a production switch, in the order they happen: the check of the
 * version switched to, then three file operations per link (temporary link
 * created, renamed over the old one, folder synced), then the history line.
 */
export type SwitchStep = 'verified' | `${'previous' | 'production'}:${LinkSwitchStep}` | 'history:appended';

/** Options of {@link promoteVersion} and {@link rollbackProduction}. */
export interface SwitchOptions {
  /** Who asked for the switch and why, written to `history.jsonl` with it. */
  readonly trail?: SwitchTrail;
  /**
   * Called after each {@link SwitchStep}. Only tests pass it, to kill the
   * process at every step (`test/promotion-crash.test.ts`).
   */
  readonly onStep?: (step: SwitchStep) => void | Promise<void>;
}

type StepHook = SwitchOptions['onStep'];

/**
 * The options of a switch on the store: the pointers change in one write, which
 * the step hook hears of as `production:renamed`, then `history:appended` once
 * the switch's history record is written.
 */
function onStore(registry: ModelRegistry, options: SwitchOptions): StoreSwitchOptions {
  const { onStep, trail } = options;
  return {
    verify: async (version) => {
      await registry.verifiedVersionDir(version);
      await onStep?.('verified');
    },
    ...(trail ? { trail } : {}),
    ...(onStep
      ? { afterSwitch: () => onStep('production:renamed'), afterRecord: () => onStep('history:appended') }
      : {}),
  };
}

/** The history line of a switch, with its trail when there is one. */
function entryOf(
  action: SwitchHistoryEntry['action'],
  production: string,
  previous: string | undefined | null,
  trail: SwitchTrail | undefined,
): SwitchHistoryEntry {
  return { action, production, previous: previous ?? null, ...trail };
}

async function pointLink(
  registry: ModelRegistry,
  link: 'production' | 'previous',
  version: string,
  onStep: StepHook,
): Promise<void> {
  const linkPath = link === 'production' ? registry.layout.productionLink : registry.layout.previousLink;
  const target = path.relative(registry.layout.root, registry.layout.versionDir(version));
  await replaceSymlinkAtomic(linkPath, target, onStep && ((step) => onStep(`${link}:${step}`)));
}

async function removeLeftovers(registry: ModelRegistry): Promise<void> {
  await removeStaleTemporaryLinks(registry.layout.productionLink);
  await removeStaleTemporaryLinks(registry.layout.previousLink);
}

/** Completes a switch found done on a retry: its rename made durable, its history line written, leftovers gone. */
async function settleSwitch(registry: ModelRegistry, entry: SwitchHistoryEntry): Promise<void> {
  await fsyncDirectory(registry.layout.root);
  await removeLeftovers(registry);
  await appendSwitchHistoryIfMissing(registry, entry);
}

async function recordSwitch(registry: ModelRegistry, entry: SwitchHistoryEntry, onStep: StepHook) {
  await appendSwitchHistory(registry, entry);
  await onStep?.('history:appended');
}

/**
 * Makes `version` production.
 *
 * Order of operations, chosen so a crash at any instant leaves production as one
 * whole version (old or new) and a usable backup, and a retry finishes the job:
 * 1. verify the candidate's artifacts against its manifest checksums;
 * 2. refuse if production moved since the candidate was compared with it;
 * 3. point `previous` at the current production (production is untouched);
 * 4. rename a new `production` symlink over the old one (atomic);
 * 5. append the switch to `history.jsonl`.
 * A retry that finds the candidate in production already writes a history line
 * the crash may have cut off, and removes temporary links a crash left behind.
 *
 * @param expectedProduction - the production version the decision was based on
 *   (undefined when there was none); a different current production aborts.
 * @throws RegistryError CHECKSUM_MISMATCH, PRODUCTION_CHANGED, VERSION_NOT_FOUND
 */
export async function promoteVersion(
  registry: ModelRegistry,
  version: string,
  expectedProduction: string | undefined,
  options: SwitchOptions = {},
): Promise<ProductionSwitch> {
  const { onStep, trail } = options;
  if (registry.store)
    return promoteOnStore(registry.store, version, expectedProduction, onStore(registry, options));
  await registry.verifiedVersionDir(version);
  await onStep?.('verified');
  const current = await registry.productionVersion();
  if (current === version) {
    const previous = await registry.previousVersion();
    await settleSwitch(registry, entryOf('promote', version, previous, trail));
    return { production: version, ...(previous ? { previous } : {}), alreadyInPlace: true };
  }
  if (current !== expectedProduction) {
    throw new RegistryError(
      RegistryErrorCode.ProductionChanged,
      `production is ${current ?? 'empty'} but the candidate was compared with ${expectedProduction ?? 'no production'}; re-run the comparison`,
      version,
    );
  }
  await removeLeftovers(registry);
  if (current !== undefined) await pointLink(registry, 'previous', current, onStep);
  await pointLink(registry, 'production', version, onStep);
  await recordSwitch(registry, entryOf('promote', version, current, trail), onStep);
  return { production: version, ...(current ? { previous: current } : {}), alreadyInPlace: false };
}

/** The pointers a rollback was planned on, and the version it restores. */
export interface RollbackExpectation {
  readonly production: string | undefined;
  readonly previous: string | undefined;
  /** The version to restore. @default previous: the backup kept by the last switch */
  readonly target?: string;
}

/**
 * Restores a version that was production before — by default the previous one,
 * the backup kept by the last switch — and keeps the one it replaces as the new
 * rollback target.
 *
 * Production is switched first, then `previous`, then the history line is
 * written. Between the two switches production names the restored version and
 * `previous` is still the old backup; a retry with `expected` recognises that
 * state and finishes by pointing `previous` at the version production had.
 *
 * @param expected - the pointers as the caller saw them (and the target); with
 *   it, a repeated call (an activity retry after a switch that succeeded or was
 *   cut short) finishes the switch instead of failing or swapping back.
 *
 * @throws RegistryError NO_PREVIOUS_VERSION when there is nothing to roll back to,
 *   PRODUCTION_CHANGED when the pointers are not as `expected`.
 */
export async function rollbackProduction(
  registry: ModelRegistry,
  expected?: RollbackExpectation,
  options: SwitchOptions = {},
): Promise<ProductionSwitch> {
  const { onStep, trail } = options;
  if (registry.store) return rollbackOnStore(registry.store, expected, onStore(registry, options));
  const previous = await registry.previousVersion();
  const current = await registry.productionVersion();
  const target = expected ? (expected.target ?? expected.previous) : previous;
  if (expected && current !== undefined && current === target && current !== expected.production) {
    if (previous === expected.production) {
      // A retried rollback finds the switch done: do not switch again.
      await settleSwitch(registry, entryOf('rollback', current, previous, trail));
      return { production: current, ...(previous ? { previous } : {}), alreadyInPlace: true };
    }
    if (previous === expected.previous && expected.production !== undefined) {
      // Cut short between the two switches: production was restored, previous not yet moved.
      await registry.readManifest(expected.production);
      await removeLeftovers(registry);
      await pointLink(registry, 'previous', expected.production, onStep);
      await recordSwitch(registry, entryOf('rollback', current, expected.production, trail), onStep);
      return { production: current, previous: expected.production, alreadyInPlace: false };
    }
  }
  if (expected && (current !== expected.production || previous !== expected.previous)) {
    throw new RegistryError(
      RegistryErrorCode.ProductionChanged,
      `production moved during the rollback (now ${current ?? 'empty'}, previous ${previous ?? 'none'}); nothing was changed`,
      registry.layout.productionLink,
    );
  }
  if (target === undefined || target === current) {
    throw new RegistryError(
      RegistryErrorCode.NoPreviousVersion,
      'there is no previous production version to roll back to',
      registry.layout.previousLink,
    );
  }
  await registry.verifiedVersionDir(target);
  await onStep?.('verified');
  await removeLeftovers(registry);
  await pointLink(registry, 'production', target, onStep);
  if (current !== undefined) await pointLink(registry, 'previous', current, onStep);
  await recordSwitch(registry, entryOf('rollback', target, current, trail), onStep);
  return { production: target, ...(current ? { previous: current } : {}), alreadyInPlace: false };
}

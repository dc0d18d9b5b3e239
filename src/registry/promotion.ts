import path from 'node:path';
import { fsyncDirectory } from '../fs/atomic-write';
import { removeStaleTemporaryLinks, replaceSymlinkAtomic, type LinkSwitchStep } from './atomic-fs';
import { RegistryError, RegistryErrorCode } from './errors';
import type { ModelRegistry } from './model-registry';
import { appendSwitchHistory, appendSwitchHistoryIfMissing, type SwitchHistoryEntry } from './switch-history';

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
  /**
   * Called after each {@link SwitchStep}. Only tests pass it, to kill the
   * process at every step (`test/promotion-crash.test.ts`).
   */
  readonly onStep?: (step: SwitchStep) => void | Promise<void>;
}

type StepHook = SwitchOptions['onStep'];

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
  const { onStep } = options;
  await registry.verifiedVersionDir(version);
  await onStep?.('verified');
  const current = await registry.productionVersion();
  if (current === version) {
    const previous = await registry.previousVersion();
    await settleSwitch(registry, { action: 'promote', production: version, previous: previous ?? null });
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
  await recordSwitch(registry, { action: 'promote', production: version, previous: current ?? null }, onStep);
  return { production: version, ...(current ? { previous: current } : {}), alreadyInPlace: false };
}

/**
 * Restores the previous production version and keeps the one it replaces as the
 * new rollback target, so rolling back twice returns to where it started.
 *
 * Production is switched first, then `previous`, then the history line is
 * written. Between the two switches both links name the restored version; a
 * retry with `expected` recognises that state and finishes by pointing
 * `previous` at the version production had.
 *
 * @param expected - the pointers as the caller saw them; with it, a repeated call
 *   (an activity retry after a switch that succeeded or was cut short) finishes
 *   the switch instead of failing or swapping back.
 *
 * @throws RegistryError NO_PREVIOUS_VERSION when there is nothing to roll back to,
 *   PRODUCTION_CHANGED when the pointers are not as `expected`.
 */
export async function rollbackProduction(
  registry: ModelRegistry,
  expected?: { readonly production: string | undefined; readonly previous: string | undefined },
  options: SwitchOptions = {},
): Promise<ProductionSwitch> {
  const { onStep } = options;
  const previous = await registry.previousVersion();
  const current = await registry.productionVersion();
  if (expected && current !== undefined && current === expected.previous) {
    if (previous === expected.production) {
      // A retried rollback finds the pointers already swapped: done, do not swap back.
      await settleSwitch(registry, { action: 'rollback', production: current, previous: previous ?? null });
      return { production: current, ...(previous ? { previous } : {}), alreadyInPlace: true };
    }
    if (previous === current && expected.production !== undefined) {
      // Cut short between the two switches: production was restored, previous not yet moved.
      await registry.readManifest(expected.production);
      await removeLeftovers(registry);
      await pointLink(registry, 'previous', expected.production, onStep);
      const entry = { action: 'rollback', production: current, previous: expected.production } as const;
      await recordSwitch(registry, entry, onStep);
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
  if (previous === undefined || previous === current) {
    throw new RegistryError(
      RegistryErrorCode.NoPreviousVersion,
      'there is no previous production version to roll back to',
      registry.layout.previousLink,
    );
  }
  await registry.verifiedVersionDir(previous);
  await onStep?.('verified');
  await removeLeftovers(registry);
  await pointLink(registry, 'production', previous, onStep);
  if (current !== undefined) await pointLink(registry, 'previous', current, onStep);
  await recordSwitch(
    registry,
    { action: 'rollback', production: previous, previous: current ?? null },
    onStep,
  );
  return { production: previous, ...(current ? { previous: current } : {}), alreadyInPlace: false };
}

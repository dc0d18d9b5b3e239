import { promises as fs } from 'node:fs';
import path from 'node:path';
import { replaceSymlinkAtomic } from './atomic-fs';
import { RegistryError, RegistryErrorCode } from './errors';
import type { ModelRegistry } from './model-registry';

/** What a production switch did. */
export interface ProductionSwitch {
  readonly production: string;
  /** The version kept as the rollback target, if there was a production before. */
  readonly previous?: string;
  /** True when production already pointed at the version (a retried promotion). */
  readonly alreadyInPlace: boolean;
}

function relativeTarget(registry: ModelRegistry, version: string): string {
  return path.relative(registry.layout.root, registry.layout.versionDir(version));
}

async function appendHistory(registry: ModelRegistry, entry: Record<string, unknown>): Promise<void> {
  await fs.appendFile(
    registry.layout.historyFile,
    `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`,
  );
}

/**
 * Makes `version` production.
 *
 * Order of operations, chosen so a crash at any instant leaves production as one
 * whole version (old or new) and a usable backup:
 * 1. verify the candidate's artifacts against its manifest checksums;
 * 2. refuse if production moved since the candidate was compared with it;
 * 3. point `previous` at the current production (production is untouched);
 * 4. rename a new `production` symlink over the old one (atomic).
 *
 * @param expectedProduction - the production version the decision was based on
 *   (undefined when there was none); a different current production aborts.
 * @throws RegistryError CHECKSUM_MISMATCH, PRODUCTION_CHANGED, VERSION_NOT_FOUND
 */
export async function promoteVersion(
  registry: ModelRegistry,
  version: string,
  expectedProduction: string | undefined,
): Promise<ProductionSwitch> {
  await registry.verifiedVersionDir(version);
  const current = await registry.productionVersion();
  if (current === version) {
    const previous = await registry.previousVersion();
    return { production: version, ...(previous ? { previous } : {}), alreadyInPlace: true };
  }
  if (current !== expectedProduction) {
    throw new RegistryError(
      RegistryErrorCode.ProductionChanged,
      `production is ${current ?? 'empty'} but the candidate was compared with ${expectedProduction ?? 'no production'}; re-run the comparison`,
      version,
    );
  }
  if (current !== undefined) {
    await replaceSymlinkAtomic(registry.layout.previousLink, relativeTarget(registry, current));
  }
  await replaceSymlinkAtomic(registry.layout.productionLink, relativeTarget(registry, version));
  await appendHistory(registry, { action: 'promote', production: version, previous: current ?? null });
  return { production: version, ...(current ? { previous: current } : {}), alreadyInPlace: false };
}

/**
 * Restores the previous production version and keeps the one it replaces as the
 * new rollback target, so rolling back twice returns to where it started.
 *
 * @param expected - the pointers as the caller saw them; with it, a repeated call
 *   (an activity retry after a switch that succeeded) is a no-op instead of a second swap.
 *
 * @throws RegistryError NO_PREVIOUS_VERSION when there is nothing to roll back to.
 */
export async function rollbackProduction(
  registry: ModelRegistry,
  expected?: { readonly production: string | undefined; readonly previous: string | undefined },
): Promise<ProductionSwitch> {
  const previous = await registry.previousVersion();
  const current = await registry.productionVersion();
  if (expected) {
    // A retried rollback finds the pointers already swapped: done, do not swap back.
    if (current === expected.previous && previous === expected.production && current !== undefined) {
      return { production: current, ...(previous ? { previous } : {}), alreadyInPlace: true };
    }
    if (current !== expected.production || previous !== expected.previous) {
      throw new RegistryError(
        RegistryErrorCode.ProductionChanged,
        `production moved during the rollback (now ${current ?? 'empty'}, previous ${previous ?? 'none'}); nothing was changed`,
        registry.layout.productionLink,
      );
    }
  }
  if (previous === undefined || previous === current) {
    throw new RegistryError(
      RegistryErrorCode.NoPreviousVersion,
      'there is no previous production version to roll back to',
      registry.layout.previousLink,
    );
  }
  await registry.verifiedVersionDir(previous);
  await replaceSymlinkAtomic(registry.layout.productionLink, relativeTarget(registry, previous));
  if (current !== undefined) {
    await replaceSymlinkAtomic(registry.layout.previousLink, relativeTarget(registry, current));
  }
  await appendHistory(registry, { action: 'rollback', production: previous, previous: current ?? null });
  return { production: previous, ...(current ? { previous: current } : {}), alreadyInPlace: false };
}

import { RegistryError, RegistryErrorCode, RollbackRequestError } from './errors';
import type { ModelRegistry } from './model-registry';
import type { RollbackExpectation } from './promotion';
import { rollbackRequestSchema, type RollbackRequest } from './rollback-request';
import { readSwitchHistory, type SwitchRecord } from './switch-history';

/**
 * Parses a rollback request.
 *
 * @throws RollbackRequestError naming the field and the problem, e.g.
 *   `rollback request: requestedBy: Invalid input: expected string, received number`
 */
export function parseRollbackRequest(value: unknown): RollbackRequest {
  const parsed = rollbackRequestSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'input';
  throw new RollbackRequestError(`rollback request: ${field}: ${issue?.message ?? 'invalid'}`);
}

/** A rollback about to happen: the pointers as they are, and the version it restores. */
export interface RollbackPlan extends RollbackExpectation {
  readonly target: string;
}

function describeRollback(last: SwitchRecord): string {
  const who = last.requestedBy ?? 'someone (not recorded)';
  const why = last.reason ? ` ("${last.reason}")` : '';
  return `the last switch was a rollback: ${who} rolled production back from ${last.previous ?? 'nothing'} to ${last.production} at ${last.at}${why}`;
}

/**
 * Decides what a rollback restores, before anything changes.
 *
 * Without `to`, it restores the previous version (the backup the last switch
 * kept) — unless the last switch was itself a rollback: then "previous" is the
 * version that rollback took out of production, and restoring it would quietly
 * undo the rollback. That is refused with what the first rollback did; the
 * caller names the version instead (`rollback --to <version>`).
 *
 * With `to`, it restores that version, which must have been production before
 * (a line of `history.jsonl` says so): a rollback never puts an unapproved
 * candidate into production.
 *
 * @throws RegistryError ROLLBACK_TARGET_REQUIRED (a second rollback without
 *   `to`), NOT_A_ROLLBACK_TARGET (`to` is production now, or never was),
 *   VERSION_NOT_FOUND (`to` is no version name), NO_PREVIOUS_VERSION
 */
export async function planRollback(registry: ModelRegistry, to?: string): Promise<RollbackPlan> {
  const production = await registry.productionVersion();
  const previous = await registry.previousVersion();
  const history = await readSwitchHistory(registry);
  const pointers = { production, previous };
  if (to !== undefined) {
    registry.assertVersionName(to);
    if (to === production) {
      throw new RegistryError(
        RegistryErrorCode.NotARollbackTarget,
        `${to} is production already; nothing to roll back`,
        to,
      );
    }
    if (!history.some((record) => record.production === to)) {
      throw new RegistryError(
        RegistryErrorCode.NotARollbackTarget,
        `${to} has never been in production (history.jsonl), so a rollback cannot restore it; ` +
          'a version reaches production through an approved retrain',
        to,
      );
    }
    return { ...pointers, target: to };
  }
  const last = history.at(-1);
  if (last?.action === 'rollback' && last.production === production) {
    const undo = last.previous ? ` (--to ${last.previous} undoes that rollback)` : '';
    throw new RegistryError(
      RegistryErrorCode.RollbackTargetRequired,
      `${describeRollback(last)}. Rolling back again would restore ${last.previous ?? 'nothing'}, the version that ` +
        `rollback took out of production. Name the version to restore: rollback --to <version>${undo}`,
      registry.layout.historyFile,
    );
  }
  if (previous === undefined || previous === production) {
    throw new RegistryError(
      RegistryErrorCode.NoPreviousVersion,
      'there is no previous production version to roll back to',
      registry.layout.previousLink,
    );
  }
  return { ...pointers, target: previous };
}

/**
 * Who may approve or reject a candidate. The list comes from the worker's
 * `APPROVERS` environment variable, so the people who run the pipeline decide
 * it, not whoever starts a retrain.
 */

import { ApproversConfigError } from './errors';

export { ApproversConfigError } from './errors';

/**
 * Parses a comma-separated list such as `"ana, Bob,carol"` into normalised
 * names (trimmed, lower-case). Unset or blank means "anyone may approve".
 *
 * @throws ApproversConfigError when an entry is empty, e.g. `"ana,,bob"`
 */
export function parseApprovers(
  text: string | undefined,
  source = 'APPROVERS',
): readonly string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const names = text.split(',').map(normaliseApprover);
  const empty = names.indexOf('');
  if (empty !== -1) {
    throw new ApproversConfigError(
      `${source} has an empty entry at position ${empty + 1} ("${text}"): list names separated by commas, e.g. "ana,bob"`,
    );
  }
  return [...new Set(names)];
}

/** The form names are compared in: trimmed and lower-case. */
export function normaliseApprover(name: string): string {
  return name.trim().toLowerCase();
}

import { DvcError, DvcErrorCode } from './errors';

/** Characters a path may hold and still be a YAML plain scalar anywhere in it. */
const PLAIN_PATH = /^[A-Za-z0-9_.][A-Za-z0-9_. /-]*$/;
/** Plain scalars YAML 1.1 or 1.2 would read as a number, boolean or null. */
const NON_STRING =
  /^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|\.(?:inf|nan)|y|n|yes|no|true|false|on|off|null|~)$/i;

/**
 * Checks that `dvcPath` (posix separators) can be written unquoted, so that
 * our `.dvc` file is byte-identical to what `dvc add` (ruamel.yaml) writes.
 * dvc quotes paths such as `123`, `yes` or `a: b`; rather than re-implement
 * ruamel's quoting rules, such names are refused.
 *
 * @throws DvcError UNSUPPORTED_PATH
 */
export function assertPlainYamlPath(dvcPath: string): void {
  if (!PLAIN_PATH.test(dvcPath) || dvcPath.endsWith(' ') || NON_STRING.test(dvcPath)) {
    throw new DvcError(
      DvcErrorCode.UnsupportedPath,
      `"${dvcPath}" cannot be written as a plain YAML path (use letters, digits, ".", "_", "-", "/" and inner spaces; not a number, boolean or null word)`,
      dvcPath,
    );
  }
}

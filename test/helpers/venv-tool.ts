import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './temporal-servers';

/**
 * A program from a Python tool that `npm test` installs into `.tools/<venv>` with
 * `scripts/ensure-venv-tool.sh`, or the path in `overrideVariable` when it is set.
 *
 * @throws Error saying how to install it when it is missing
 */
export function venvToolBinary(tool: {
  readonly venv: string;
  readonly program: string;
  readonly requirement: string;
  readonly overrideVariable: string;
}): string {
  const bin =
    process.env[tool.overrideVariable] ?? path.join(PROJECT_ROOT, '.tools', tool.venv, 'bin', tool.program);
  if (!existsSync(bin)) {
    throw new Error(
      `${tool.program} not found at ${bin}: run \`bash scripts/ensure-venv-tool.sh ${tool.venv} '${tool.requirement}'\` (npm test does)`,
    );
  }
  return bin;
}

/**
 * The Python peers' interpreter: `scripts/ensure-bench-python.sh` installs the
 * pinned venv (once) and prints its python. When that fails, the bench goes on
 * without peers and says why.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

/** The venv's interpreter and versions, or why there is none. */
export type PythonPeers =
  | { readonly available: true; readonly python: string; readonly versions: Readonly<Record<string, string>> }
  | { readonly available: false; readonly reason: string };

const ROOT = path.resolve(__dirname, '../..');

function run(
  command: string,
  args: string[],
  echo: boolean,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr = (stderr + c).slice(-8000);
      if (echo) process.stderr.write(c);
    });
    child.on('error', (error) => resolve({ code: -1, stdout, stderr: error.message }));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const VERSIONS =
  'import json, platform, tensorflow, keras, pandas, numpy, evidently; ' +
  'print(json.dumps({"python": platform.python_version(), "tensorflow": tensorflow.__version__, ' +
  '"keras": keras.__version__, "pandas": pandas.__version__, "numpy": numpy.__version__, "evidently": evidently.__version__}))';

/** Installs (if needed) and checks the peers' venv; never throws. */
export async function ensurePythonPeers(): Promise<PythonPeers> {
  const install = await run('bash', [path.join(ROOT, 'scripts', 'ensure-bench-python.sh')], true);
  const python = install.stdout.trim().split('\n').pop() ?? '';
  if (install.code !== 0 || python === '') {
    const reason =
      install.stderr.trim().split('\n').filter(Boolean).pop() ?? `installer exited with ${install.code}`;
    return { available: false, reason: `scripts/ensure-bench-python.sh failed: ${reason}` };
  }
  const probe = await run(python, ['-c', VERSIONS], false);
  if (probe.code !== 0) {
    return {
      available: false,
      reason: `the venv's packages do not import: ${probe.stderr.trim().split('\n').pop() ?? ''}`,
    };
  }
  return { available: true, python, versions: JSON.parse(probe.stdout.trim()) as Record<string, string> };
}

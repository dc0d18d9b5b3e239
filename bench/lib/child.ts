/**
 * Runs one measurement in a fresh process — a TypeScript step under
 * `bench/steps/` or a Python script under `bench/python/` — and reads the one
 * JSON line it prints last. Fresh processes keep one measurement's JIT state,
 * heap and peak RSS out of the next one's.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

/** What a step printed, or why it has no result. */
export type StepOutcome<T> =
  | { readonly ok: true; readonly value: T & Measured; readonly wallMs: number }
  | { readonly ok: false; readonly error: string; readonly wallMs: number };

/** What every step adds to its result: the process's peak resident set size. */
export interface Measured {
  readonly peakRssMb: number;
}

/** How to run a step. */
export interface StepOptions {
  /** Extra environment variables. */
  readonly env?: Readonly<Record<string, string>>;
  /** Killed (SIGKILL) after this long. @default 30 minutes */
  readonly timeoutMs?: number;
}

const BENCH_DIR = path.resolve(__dirname, '..');
const TAIL_CHARS = 4000;

/** The last line of `text` that looks like a JSON object. */
function lastJsonLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('{'))
    .pop();
}

/** The most telling line of a failed step's stderr (Python tracebacks end with the error). */
function reasonFrom(stderr: string, fallback: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at '));
  return lines.pop() ?? fallback;
}

function run<T>(command: string, args: string[], options: StepOptions): Promise<StepOutcome<T>> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, LOG_LEVEL: 'warn', TF_CPP_MIN_LOG_LEVEL: '2', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-TAIL_CHARS);
    });
    const timeoutMs = options.timeoutMs ?? 30 * 60_000;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (error: string | undefined) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const line = lastJsonLine(stdout);
      if (error === undefined && line !== undefined) {
        try {
          resolve({ ok: true, value: JSON.parse(line) as T & Measured, wallMs });
          return;
        } catch {
          error = `printed invalid JSON: ${line.slice(0, 200)}`;
        }
      }
      resolve({ ok: false, error: error ?? 'printed no JSON result', wallMs });
    };
    child.on('error', (error) => finish(error.message));
    child.on('close', (code, signal) => {
      if (timedOut) finish(`timed out after ${Math.round(timeoutMs / 1000)} s`);
      else if (code !== 0) finish(reasonFrom(stderr, `exited with ${code ?? signal}`));
      else finish(undefined);
    });
  });
}

/**
 * Runs `bench/steps/<name>.ts` with Node and tsx; `args` arrive as JSON in `argv[2]`.
 *
 * @returns the step's JSON result, or its error (the last stderr line) — never throws
 */
export function runNodeStep<T>(
  name: string,
  args: object,
  options: StepOptions = {},
): Promise<StepOutcome<T>> {
  const script = path.join(BENCH_DIR, 'steps', `${name}.ts`);
  return run<T>(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), script, JSON.stringify(args)],
    options,
  );
}

/**
 * Runs `bench/python/<name>.py` with the bench venv's interpreter; `args` arrive as JSON in `argv[1]`.
 *
 * @returns the script's JSON result, or its error — never throws
 */
export function runPythonStep<T>(
  python: string,
  name: string,
  args: object,
  options: StepOptions = {},
): Promise<StepOutcome<T>> {
  const script = path.join(BENCH_DIR, 'python', `${name}.py`);
  return run<T>(python, [script, JSON.stringify(args)], options);
}

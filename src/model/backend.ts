/**
 * Chooses the TensorFlow.js backend once per process: the native `tensorflow`
 * backend when the optional `@tensorflow/tfjs-node` package loads, else WebAssembly
 * (XNNPACK kernels, several times faster than plain JS here), else the pure-JS `cpu`
 * backend. `TFJS_BACKEND=tensorflow|wasm|cpu` forces one and fails loudly if it
 * cannot start.
 *
 * Numbers are reproducible for a given seed only within one backend: kernels
 * round differently, so determinism tests compare runs on the same backend.
 */
import * as tf from '@tensorflow/tfjs';

/** Backends this project runs on. */
export const TENSORFLOW_BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
/** A backend this project runs on. */
export type TensorflowBackend = (typeof TENSORFLOW_BACKENDS)[number];

/** The part of a pino logger this module uses. */
export interface BackendLogger {
  info(obj: object, msg: string): void;
}

/** How {@link selectTensorflowBackend} finds and loads backends; every field has a production default. */
export interface BackendSelectionOptions {
  /** Environment holding `TFJS_BACKEND`. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  readonly logger?: BackendLogger;
  /** Loads `@tensorflow/tfjs-node` (registers the `tensorflow` backend). Injectable for tests. */
  readonly loadTfjsNode?: () => Promise<unknown>;
  /** Loads `@tensorflow/tfjs-backend-wasm` (registers the `wasm` backend). Injectable for tests. */
  readonly loadWasm?: () => Promise<unknown>;
}

// tfjs-node is an optional dependency that is often absent (it needs a native
// libtensorflow download). A variable specifier keeps TypeScript from resolving
// it at compile time; at run time this is a plain `require`, so tfjs-node
// resolves the same hoisted `@tensorflow/tfjs` as we do and registers its
// kernels into the same engine (checked below with `findBackendFactory`).
const TFJS_NODE = '@tensorflow/tfjs-node';
const defaultLoadTfjsNode = (): Promise<unknown> => import(TFJS_NODE);
const defaultLoadWasm = (): Promise<unknown> => import('@tensorflow/tfjs-backend-wasm');

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/** Makes `name` the active backend; returns why it could not, or undefined on success. */
async function activate(
  name: TensorflowBackend,
  options: BackendSelectionOptions,
): Promise<string | undefined> {
  if (name !== 'cpu') {
    const load =
      name === 'tensorflow'
        ? (options.loadTfjsNode ?? defaultLoadTfjsNode)
        : (options.loadWasm ?? defaultLoadWasm);
    try {
      await load();
    } catch (error) {
      return `${name === 'tensorflow' ? TFJS_NODE : '@tensorflow/tfjs-backend-wasm'} did not load: ${message(error)}`;
    }
    // The typings say never null, but the engine returns null for an unknown name.
    if ((tf.findBackendFactory(name) as unknown) == null) {
      return `the package loaded but registered no "${name}" backend in this @tensorflow/tfjs-core (a second copy of tfjs installed?)`;
    }
  }
  try {
    if (!(await tf.setBackend(name))) return `backend "${name}" failed to initialise`;
    await tf.ready();
  } catch (error) {
    return `backend "${name}" failed to initialise: ${message(error)}`;
  }
  return undefined;
}

/**
 * Selects and activates a backend, every call (tests use this directly; the
 * pipeline calls {@link initTensorflowBackend}). Logs which backend runs and why
 * the faster ones did not.
 *
 * @throws Error when `TFJS_BACKEND` names an unknown backend or one that cannot start
 */
export async function selectTensorflowBackend(
  options: BackendSelectionOptions = {},
): Promise<TensorflowBackend> {
  const forced = (options.env ?? process.env).TFJS_BACKEND?.trim();
  if (forced !== undefined && forced !== '') {
    if (!(TENSORFLOW_BACKENDS as readonly string[]).includes(forced)) {
      throw new Error(`TFJS_BACKEND must be one of ${TENSORFLOW_BACKENDS.join(', ')}; got "${forced}"`);
    }
    const backend = forced as TensorflowBackend;
    const failure = await activate(backend, options);
    if (failure !== undefined) throw new Error(`TFJS_BACKEND=${backend} but ${failure}`);
    options.logger?.info({ backend, reason: 'forced by TFJS_BACKEND' }, `TensorFlow.js backend: ${backend}`);
    return backend;
  }
  const skipped: Partial<Record<TensorflowBackend, string>> = {};
  for (const backend of TENSORFLOW_BACKENDS) {
    const failure = await activate(backend, options);
    if (failure === undefined) {
      options.logger?.info({ backend, skipped }, `TensorFlow.js backend: ${backend}`);
      return backend;
    }
    skipped[backend] = failure;
  }
  throw new Error(`no TensorFlow.js backend could start: ${JSON.stringify(skipped)}`);
}

let selection: Promise<TensorflowBackend> | undefined;

/**
 * Selects the backend on the first call and returns the same answer afterwards
 * (later loggers are not used). A failed selection is not cached, so a later
 * call can try again.
 *
 * @returns `tensorflow` (tfjs-node), `wasm` or `cpu`
 */
export function initTensorflowBackend(logger?: BackendLogger): Promise<TensorflowBackend> {
  if (selection === undefined) {
    const attempt = selectTensorflowBackend(logger === undefined ? {} : { logger });
    selection = attempt;
    attempt.catch(() => {
      if (selection === attempt) selection = undefined;
    });
  }
  return selection;
}

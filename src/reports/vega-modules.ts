import type * as Vega from 'vega';
// vega-lite's types are only reachable through its `exports` map, which this
// project's `moduleResolution: node` does not read; the path is for types only.
import type * as VegaLite from 'vega-lite/build/index';

/** The two libraries a chart needs, loaded once. */
export interface VegaModules {
  readonly vega: typeof Vega;
  readonly vegaLite: typeof VegaLite;
}

/**
 * A real `import()` that tsc's CommonJS output keeps: written as `import()` in
 * TypeScript it would be compiled to `require()`, and Node cannot `require()`
 * vega, whose ESM graph has a top-level await (vega-canvas probes for the
 * optional `canvas` package).
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a fixed string, no user input
const nativeImport = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

const VEGA: string = 'vega';
const VEGA_LITE: string = 'vega-lite';

let loading: Promise<VegaModules> | undefined;

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

async function load(): Promise<VegaModules> {
  try {
    // tsc turns these into require(): under jest, whose `moduleNameMapper`
    // sends both names to the packages' UMD builds, that works; under Node it
    // fails with ERR_REQUIRE_ASYNC_MODULE and the native import below runs.
    const vega = (await import(VEGA)) as typeof Vega;
    const vegaLite = (await import(VEGA_LITE)) as typeof VegaLite;
    return { vega, vegaLite };
  } catch (error) {
    if (errorCode(error) !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
    const vega = (await nativeImport(VEGA)) as typeof Vega;
    const vegaLite = (await nativeImport(VEGA_LITE)) as typeof VegaLite;
    return { vega, vegaLite };
  }
}

/** Loads vega and vega-lite (ES modules) from CommonJS code, once per process. */
export function loadVega(): Promise<VegaModules> {
  loading ??= load();
  return loading;
}

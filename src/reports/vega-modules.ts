import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';

/** The two libraries a chart needs, loaded once. */
export interface VegaModules {
  readonly vega: typeof Vega;
  readonly vegaLite: typeof VegaLite;
}

let loading: Promise<VegaModules> | undefined;

async function load(): Promise<VegaModules> {
  // A real import(): with `module: nodenext` tsc keeps it in CommonJS output, and
  // Node cannot require() vega, whose ESM graph has a top-level await (vega-canvas
  // probes for the optional `canvas` package). Under jest, `moduleNameMapper` sends
  // both names to the packages' own UMD builds.
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  return { vega, vegaLite };
}

/** Loads vega and vega-lite (ES modules) from CommonJS code, once per process. */
export function loadVega(): Promise<VegaModules> {
  loading ??= load();
  return loading;
}

/**
 * How many threads the active tfjs backend computes with: the WebAssembly
 * backend reports its XNNPACK thread pool (1 in Node.js, where the threaded
 * build cannot start); plain JS is 1; tfjs-node's libtensorflow sizes its own pool.
 */

/** Threads of `backend`, or null when the backend does not say. */
export async function backendThreads(backend: string): Promise<number | null> {
  if (backend === 'cpu') return 1;
  if (backend !== 'wasm') return null;
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  return wasm.getThreadsCount();
}

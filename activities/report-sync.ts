import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ActivityDeps } from './deps';

/**
 * Copies report files an activity has just written under the reports folder
 * into the shared store's reports area at the same relative path
 * (`reports/drift/x.html` → `<MLOPS_STORE>/reports/drift/x.html`), so the
 * reports of a worker with no shared disk can be read from the bucket. The
 * local file stays (it is what run records and results name, relative to the
 * project root). No store: nothing to do. A failed upload fails the activity,
 * which Temporal retries: the bucket, not the worker's disk, is where others look.
 *
 * @param files - absolute paths, or paths relative to the project root, inside `deps.paths.reportsDir`
 */
export async function shareReports(
  deps: Pick<ActivityDeps, 'paths' | 'reportsStore' | 'logger'>,
  ...files: readonly string[]
): Promise<void> {
  const store = deps.reportsStore;
  if (!store) return;
  for (const file of files) {
    const absolute = path.resolve(deps.paths.root, file);
    const relative = path.relative(deps.paths.reportsDir, absolute);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new Error(`report ${absolute} is not inside the reports folder ${deps.paths.reportsDir}`);
    }
    const key = relative.split(path.sep).join('/');
    await store.put(key, await fs.readFile(absolute));
    deps.logger.debug({ key, store: store.location }, 'report copied to the shared store');
  }
}

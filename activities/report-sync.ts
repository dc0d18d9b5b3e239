import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../src/fs/atomic-write';
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

/**
 * Downloads every object under `prefix` of the shared reports area into
 * `localDir` (by file name, replacing local copies): what other machines wrote
 * there, such as monitoring's period records, before this worker reads the set.
 * No store: nothing to do.
 */
export async function pullReports(
  deps: Pick<ActivityDeps, 'reportsStore'>,
  prefix: string,
  localDir: string,
): Promise<void> {
  const store = deps.reportsStore;
  if (!store) return;
  const keys = (await store.list(prefix)).filter((key) => !key.slice(prefix.length).includes('/'));
  if (keys.length === 0) return;
  await fs.mkdir(localDir, { recursive: true });
  for (const key of keys) {
    const { bytes } = await store.get(key);
    await writeFileAtomic(path.join(localDir, key.slice(prefix.length)), bytes);
  }
}

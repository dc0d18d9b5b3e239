import { promises as fs } from 'node:fs';
import { DatasetInputError } from './errors';

/**
 * Checks that a dataset path is a regular file before it is hashed or read: a
 * missing file, a folder or a pipe (which would block the read) is a bad input,
 * not something a retry fixes.
 *
 * @param file - the resolved path to check
 * @param requested - the path as the caller gave it, for the message
 * @throws DatasetInputError naming `requested`
 */
export async function assertRegularFile(file: string, requested: string): Promise<void> {
  const stat = await fs.stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  if (stat === undefined) throw new DatasetInputError(requested, `dataset ${requested} does not exist`);
  if (!stat.isFile()) throw new DatasetInputError(requested, `dataset ${requested} is not a regular file`);
}

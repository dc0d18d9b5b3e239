/**
 * Checks of the paths the CLI itself opens on this machine (`drift compare -r/-c/-o`),
 * before anything is read or written: like the worker's checks of the paths it is
 * sent (src/config/confine-path.ts, the snapshot activity), a folder, a pipe or a
 * device is refused naming the option and the path — a FIFO would otherwise block
 * the read forever, a folder fail with a bare EISDIR. They are not confined to a
 * root: the CLI runs with the caller's own permissions, like `cat`.
 */
import { promises as fs, type Stats } from 'node:fs';
import { CliError } from './errors';

async function statOrUndefined(file: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new CliError(`${file}: cannot be checked (${code ?? (error as Error).message})`);
  }
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Refuses `file` unless it is an existing regular file (symlinks to one are fine).
 *
 * @param option - how the command line named it, e.g. `--reference`
 * @throws CliError `--reference data/x: is a directory, not a file`
 */
export async function assertReadableFile(option: string, file: string): Promise<void> {
  const stat = await statOrUndefined(file);
  if (stat === undefined) throw new CliError(`${option} ${file}: does not exist`);
  if (!stat.isFile()) throw new CliError(`${option} ${file}: is ${kindOf(stat)}, not a file`);
}

/**
 * Refuses `dir` when it exists and is not a directory (it is created when absent).
 *
 * @throws CliError `--out report.html: is not a directory`
 */
export async function assertDirectoryOrAbsent(option: string, dir: string): Promise<void> {
  const stat = await statOrUndefined(dir);
  if (stat !== undefined && !stat.isDirectory()) {
    throw new CliError(`${option} ${dir}: is ${stat.isFile() ? 'a file' : kindOf(stat)}, not a directory`);
  }
}

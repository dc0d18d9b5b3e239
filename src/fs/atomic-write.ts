/**
 * Writing files so that their final path only ever holds complete content: the
 * bytes go to a temporary sibling, are flushed to disk, and the finished file is
 * renamed into place (rename(2) is atomic within a directory), then the
 * directory is synced. A crash at any moment leaves the old file or the new one,
 * at worst plus a stray `.name.tmp-…` sibling. Shared by the registry, the
 * snapshot store, model artifacts, checkpoints and run records.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A fresh temporary sibling of `target` (hidden, random suffix, same directory so rename is atomic). */
export function temporarySibling(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
}

/** Flushes a directory's entries: a rename is durable only once its directory is synced. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes and fsyncs `data` to a new temporary sibling of `target` and returns its path.
 *
 * @param mode - permission bits set before the file can be renamed into place
 */
export async function writeTemporarySibling(
  target: string,
  data: string | Uint8Array,
  mode?: number,
): Promise<string> {
  const tmp = temporarySibling(target);
  const handle = await fs.open(tmp, 'wx');
  try {
    await handle.writeFile(data);
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  return tmp;
}

/**
 * Replaces `target` atomically and durably, creating its folder if needed.
 *
 * @param options.mode - permission bits, set before the rename so the file is
 *   never visible at `target` with other permissions (0o444 for immutable snapshots)
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: { readonly mode?: number } = {},
): Promise<void> {
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = await writeTemporarySibling(target, data, options.mode);
    try {
      await fs.rename(tmp, target);
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
    await fsyncDirectory(path.dirname(target));
  } catch (error) {
    throw namingFile(error, target);
  }
}

/**
 * The same error with the file it is about in its message: Node's ENOSPC or
 * EPERM from a write names no path (`ENOSPC: no space left on device, write`).
 * The errno `code` is kept, and the original error is the cause.
 */
function namingFile(error: unknown, target: string): unknown {
  if (!(error instanceof Error) || error.message.includes(target)) return error;
  return Object.assign(new Error(`cannot write ${target}: ${error.message}`, { cause: error }), {
    code: (error as NodeJS.ErrnoException).code,
  });
}

/** Writes JSON (two-space indented, trailing newline) atomically. */
export async function writeJsonAtomic(target: string, value: unknown): Promise<void> {
  await writeFileAtomic(target, `${JSON.stringify(value, null, 2)}\n`);
}

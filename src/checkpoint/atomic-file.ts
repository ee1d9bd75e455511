// Crash-safe file replacement for checkpoints and images.

import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP_SUFFIX_RANDOM_BYTES = 4;

/**
 * Writes `bytes` to `path` so that a crash or Ctrl-C at any moment leaves either the old file or the
 * complete new one at `path`, never a partial file.
 *
 * The bytes go to a temporary file in the same folder, which is flushed to disk with fsync and then
 * renamed over `path`, and the folder is fsynced so the rename survives a power loss.
 * On failure the temporary file is removed and the error is rethrown with `path` in its message.
 * A crash before the rename can leave the temporary file `.<name>.<pid>-<random>.tmp` behind.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const folder = dirname(path);
  const suffix = randomBytes(TEMP_SUFFIX_RANDOM_BYTES).toString('hex');
  const tempPath = join(folder, `.${basename(path)}.${process.pid}-${suffix}.tmp`);

  try {
    await writeAndSync(tempPath, bytes);
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true }).catch(() => undefined);
    throw new Error(`failed to write ${path}: ${describeWriteError(error, folder)}`, { cause: error });
  }

  await syncFolder(path, folder);
}

async function writeAndSync(path: string, bytes: Uint8Array): Promise<void> {
  // "wx" fails instead of truncating if a file of that name already exists.
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// Error codes from platforms that cannot open or fsync a folder. The file itself is complete on disk
// when these occur, so they are ignored.
const FOLDER_SYNC_UNSUPPORTED_CODES = new Set(['EISDIR', 'EPERM', 'EINVAL', 'EBADF']);

/** Flushes the folder entry of a completed rename to disk. */
async function syncFolder(path: string, folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!FOLDER_SYNC_UNSUPPORTED_CODES.has(code)) {
      const reason = (error as Error).message;
      throw new Error(`wrote ${path}, but failed to fsync its folder ${folder}: ${reason}`, { cause: error });
    }
  } finally {
    await handle?.close();
  }
}

/** Explains the common causes in words, without the temporary file's name. */
function describeWriteError(error: unknown, folder: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `the folder ${folder} does not exist; create it or choose another path`;
  if (code === 'ENOTDIR') return `a part of ${folder} is a file, not a folder; choose another path`;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied in ${folder}; choose a folder you can write to`;
  if (code === 'ENOSPC') return 'no space left on the device; free some space or choose another disk';
  return error instanceof Error ? error.message : String(error);
}

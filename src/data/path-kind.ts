// Node-only.
import { stat } from 'node:fs/promises';
import { DatasetError, describeError } from './errors.js';

/**
 * Returns whether `target` is a file or a folder. Throws a DatasetError that names the path and
 * `expected` (what the caller was looking for) when it does not exist or cannot be read.
 */
export async function pathKind(target: string, expected: string): Promise<'file' | 'folder'> {
  try {
    const stats = await stat(target);
    if (stats.isDirectory()) return 'folder';
    if (stats.isFile()) return 'file';
    throw new Error('not a regular file or folder');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'not found' : `cannot be read (${describeError(error)})`;
    throw new DatasetError(`${target} ${problem}: expected ${expected}`, { cause: error });
  }
}

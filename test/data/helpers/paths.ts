// Locations of the repository, the shared real data and per-test temporary folders.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

/** Root of the repository (this file is test/data/helpers/paths.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Real datasets next to the repository: emoji-32, cifar-10-batches-bin and mnist. */
export const SHARED_DATA = path.resolve(REPO_ROOT, '../shared/data');

const created: string[] = [];

/** Creates an empty temporary folder that is deleted after the current test. */
export async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pixelgan-data-test-'));
  created.push(dir);
  return dir;
}

afterEach(async () => {
  while (created.length > 0) await rm(created.pop()!, { recursive: true, force: true });
});

// Reading and writing checkpoint files in Node.

import { readFile } from 'node:fs/promises';
import type { TrainerSnapshot } from '../train/trainer.js';
import { writeFileAtomic } from './atomic-file.js';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';

/** Writes the snapshot to `path` atomically: a crash leaves the previous file intact. */
export async function saveCheckpointFile(path: string, snapshot: TrainerSnapshot): Promise<void> {
  await writeFileAtomic(path, encodeCheckpoint(snapshot));
}

/** Reads and validates a checkpoint; throws a CheckpointError naming the path and the problem. */
export async function readCheckpointFile(path: string): Promise<TrainerSnapshot> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'it is a folder, not a checkpoint file' : (error as Error).message;
    throw new CheckpointError(`cannot read checkpoint ${path}: ${reason}`);
  }
  try {
    return decodeCheckpoint(bytes);
  } catch (error) {
    throw new CheckpointError(`${path}: ${(error as Error).message}`);
  }
}

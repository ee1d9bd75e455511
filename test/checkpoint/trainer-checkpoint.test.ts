// Checkpoint files made from a trainer: round trip, and rejection of files that are not
// pixelgan checkpoints, are truncated, or do not match the architecture or the data.

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { createTsBackend } from '../../src/backend/ts/index.js';
import { readCheckpointFile, saveCheckpointFile } from '../../src/checkpoint/checkpoint-file.js';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/checkpoint/checkpoint.js';
import { decodeSafetensors, encodeSafetensors } from '../../src/checkpoint/safetensors.js';
import type { ImageSet } from '../../src/data/index.js';
import { Trainer } from '../../src/train/trainer.js';
import { randomArray } from '../helpers/numeric.js';

function data(width = 3): ImageSet {
  const count = 10;
  return { name: 'random', width, height: 3, channels: 3, count, pixels: randomArray(count * width * 9, 1), range: [-1, 1], skipped: [] };
}

function trainedBytes(): Uint8Array {
  const trainer = Trainer.create({ backend: createTsBackend(), data: data(), generator: { latentSize: 4, hidden: [6] }, discriminator: { hidden: [5] }, options: { batchSize: 4 } });
  trainer.trainStep();
  return encodeCheckpoint({ ...trainer.snapshot(), dataset: 'some/folder' });
}

/** Rewrites one metadata entry or tensor of a checkpoint and re-encodes it. */
function edit(bytes: Uint8Array, change: (meta: Record<string, string>, tensors: Map<string, { shape: number[]; data: Float32Array }>) => void): Uint8Array {
  const decoded = decodeSafetensors(bytes);
  const tensors = new Map(decoded.tensors);
  change(decoded.metadata, tensors);
  return encodeSafetensors([...tensors].map(([name, t]) => ({ name, ...t })), decoded.metadata);
}

describe('trainer checkpoints', () => {
  test('weights use torch.nn.Linear names and shapes', () => {
    const { tensors, metadata } = decodeSafetensors(trainedBytes());
    expect(tensors.get('generator.layers.0.weight')?.shape).toEqual([6, 4]);
    expect(tensors.get('generator.layers.1.weight')?.shape).toEqual([27, 6]);
    expect(tensors.get('discriminator.layers.1.bias')?.shape).toEqual([1]);
    expect(metadata.format).toBe('pixelgan-checkpoint');
    expect(metadata.step).toBe('1');
    expect(metadata.dataset).toBe('some/folder');
  });

  test('file round trip keeps everything', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pixelgan-ckpt-'));
    const snapshot = decodeCheckpoint(trainedBytes());
    const file = path.join(dir, 'run.safetensors');
    await saveCheckpointFile(file, snapshot);
    expect(await readCheckpointFile(file)).toEqual(snapshot);
  });

  test('missing file names the path', async () => {
    await expect(readCheckpointFile('/nonexistent/x.safetensors')).rejects.toThrow(/\/nonexistent\/x\.safetensors: file not found/);
  });

  test('truncated file is rejected', () => {
    const bytes = trainedBytes();
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 10))).toThrow(/not a readable checkpoint/);
    expect(() => decodeCheckpoint(bytes.subarray(0, 5))).toThrow(/not a readable checkpoint/);
  });

  test('plain safetensors file is not a pixelgan checkpoint', () => {
    const other = encodeSafetensors([{ name: 'w', shape: [2], data: new Float32Array(2) }], {});
    expect(() => decodeCheckpoint(other)).toThrow(/not a pixelgan checkpoint/);
  });

  test('text file is rejected', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pixelgan-ckpt-'));
    const file = path.join(dir, 'notes.safetensors');
    await writeFile(file, 'hello, this is not a checkpoint\n');
    await expect(readCheckpointFile(file)).rejects.toThrow(/notes\.safetensors: not a readable checkpoint/);
  });

  test('architecture that does not match the tensors is rejected', () => {
    const bytes = edit(trainedBytes(), (meta) => {
      meta.generator = meta.generator.replace('"hidden":[6]', '"hidden":[7]');
    });
    expect(() => decodeCheckpoint(bytes)).toThrow(/generator\.layers\.0\.weight" has shape \[6,4\] but the architecture needs \[7,4\]/);
  });

  test('missing tensor is named', () => {
    const bytes = edit(trainedBytes(), (_meta, tensors) => tensors.delete('discriminator.layers.0.bias'));
    expect(() => decodeCheckpoint(bytes)).toThrow(/no tensor "discriminator\.layers\.0\.bias"/);
  });

  test('NaN weight is rejected, not repaired', () => {
    const bytes = edit(trainedBytes(), (_meta, tensors) => {
      tensors.get('generator.layers.1.bias')!.data[2] = NaN;
    });
    expect(() => decodeCheckpoint(bytes)).toThrow(/"generator\.layers\.1\.bias" contains NaN at index 2/);
  });

  test('broken metadata is named', () => {
    expect(() => decodeCheckpoint(edit(trainedBytes(), (meta) => { meta.training = '{oops'; }))).toThrow(/"training" is not valid JSON/);
    expect(() => decodeCheckpoint(edit(trainedBytes(), (meta) => { meta.rng_state = '[0,0,0,0]'; }))).toThrow(/"rng_state" is invalid/);
    expect(() => decodeCheckpoint(edit(trainedBytes(), (meta) => { meta.step = '-3'; }))).toThrow(/"step" must be a non-negative integer/);
    expect(() => decodeCheckpoint(edit(trainedBytes(), (meta) => { meta.format_version = '99'; }))).toThrow(/version 99 is not supported/);
  });

  test('data of another image size is rejected on restore', () => {
    const snapshot = decodeCheckpoint(trainedBytes());
    expect(() => Trainer.restore(createTsBackend(), data(4), snapshot)).toThrow(/built for 3x3x3 images but the data has 4x3x3 images/);
  });

  test('checkpoint file on disk is unchanged by a failed load', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pixelgan-ckpt-'));
    const file = path.join(dir, 'c.safetensors');
    const bytes = trainedBytes().subarray(0, 100);
    await writeFile(file, bytes);
    await expect(readCheckpointFile(file)).rejects.toThrow();
    expect(new Uint8Array(await readFile(file))).toEqual(bytes);
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CIFAR10_RECORD_BYTES, loadCifar10 } from '../../src/data/cifar10.js';
import { makeTempDir, SHARED_DATA } from './helpers/paths.js';

const CIFAR_DIR = path.join(SHARED_DATA, 'cifar-10-batches-bin');
const BATCH_1 = path.join(CIFAR_DIR, 'data_batch_1.bin');
const PLANE = 1024;
const signed = (byte: number) => (byte / 255) * 2 - 1;

/** Builds batch bytes whose records have the given labels and every pixel byte equal to the label. */
function syntheticBatch(labels: number[]): Buffer {
  const bytes = Buffer.alloc(labels.length * CIFAR10_RECORD_BYTES);
  labels.forEach((label, i) => bytes.fill(label, i * CIFAR10_RECORD_BYTES, (i + 1) * CIFAR10_RECORD_BYTES));
  return bytes;
}

describe('loadCifar10 on the real batch', () => {
  it('loads data_batch_1.bin with labels and class names', async () => {
    const set = await loadCifar10(BATCH_1, { size: 32 });
    expect(set.name).toBe('CIFAR-10 data_batch_1.bin');
    expect(set.count).toBe(10000);
    expect([set.width, set.height, set.channels]).toEqual([32, 32, 3]);
    expect(set.pixels.length).toBe(10000 * 32 * 32 * 3);
    expect(set.range).toEqual([-1, 1]);
    expect(Array.from(set.labels!.subarray(0, 10))).toEqual([6, 9, 9, 4, 1, 1, 2, 7, 8, 3]);
    expect(set.classNames).toEqual(['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']);
    expect(set.skipped).toEqual([]);
    let min = Infinity;
    let max = -Infinity;
    for (const value of set.pixels) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    expect(min).toBe(-1);
    expect(max).toBe(1);
  });

  it('turns planar records into interleaved pixels', async () => {
    const bytes = await readFile(BATCH_1);
    const set = await loadCifar10(BATCH_1, { size: 32 });
    for (const image of [0, 1, 9999]) {
      const record = image * CIFAR10_RECORD_BYTES + 1;
      for (const pixel of [0, 31, 32, 517, 1023]) {
        for (let c = 0; c < 3; c++) {
          const expected = signed(bytes[record + c * PLANE + pixel]);
          expect(set.pixels[(image * PLANE + pixel) * 3 + c], `image ${image} pixel ${pixel} channel ${c}`).toBeCloseTo(expected, 6);
        }
      }
    }
  });

  it('area-averages to size 16', async () => {
    const bytes = await readFile(BATCH_1);
    const set = await loadCifar10(CIFAR_DIR, { size: 16 });
    expect(set.name).toBe('CIFAR-10 cifar-10-batches-bin (data_batch_1.bin)');
    expect(set.pixels.length).toBe(10000 * 16 * 16 * 3);
    const image = 3;
    const byte = (x: number, y: number, c: number) => bytes[image * CIFAR10_RECORD_BYTES + 1 + c * PLANE + y * 32 + x];
    for (const [x, y] of [[0, 0], [5, 11], [15, 15]]) {
      for (let c = 0; c < 3; c++) {
        const mean = (byte(2 * x, 2 * y, c) + byte(2 * x + 1, 2 * y, c) + byte(2 * x, 2 * y + 1, c) + byte(2 * x + 1, 2 * y + 1, c)) / 4;
        expect(set.pixels[(image * 256 + y * 16 + x) * 3 + c]).toBeCloseTo(signed(mean), 5);
      }
    }
  });
});

describe('loadCifar10 on folders', () => {
  it('orders batches, holds out test batch', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'data_batch_10.bin'), syntheticBatch([5]));
    await writeFile(path.join(dir, 'data_batch_2.bin'), syntheticBatch([1, 2]));
    await writeFile(path.join(dir, 'test_batch.bin'), syntheticBatch([9]));
    const set = await loadCifar10(dir, { size: 2 });
    expect(Array.from(set.labels!)).toEqual([1, 2, 5]);
    expect(set.classNames).toBeUndefined();
    expect(set.pixels[0]).toBeCloseTo(signed(1), 6);
    expect(set.pixels[2 * 2 * 3 * 2]).toBeCloseTo(signed(5), 6);
  });

  it('loads test_batch.bin when it is the only batch', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'test_batch.bin'), syntheticBatch([7, 3]));
    expect(Array.from((await loadCifar10(dir, { size: 4 })).labels!)).toEqual([7, 3]);
  });
});

describe('loadCifar10 errors', () => {
  it('rejects a partial record', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'data_batch_1.bin');
    await writeFile(file, syntheticBatch([1, 2]).subarray(0, CIFAR10_RECORD_BYTES + 100));
    await expect(loadCifar10(file, { size: 32 })).rejects.toThrow(`${file} is 3173 bytes, which is not a positive multiple of the 3073-byte`);
    await writeFile(file, new Uint8Array(0));
    await expect(loadCifar10(file, { size: 32 })).rejects.toThrow(`${file} is 0 bytes`);
  });

  it('rejects a label above 9', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'data_batch_1.bin');
    await writeFile(file, syntheticBatch([3, 10]));
    await expect(loadCifar10(file, { size: 32 })).rejects.toThrow(/record 1 has label 10/);
  });

  it('rejects a folder without batches, naming it', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'other.bin'), syntheticBatch([1]));
    await expect(loadCifar10(dir, { size: 32 })).rejects.toThrow(`No CIFAR-10 batch files in ${dir}`);
  });

  it('rejects a meta file without 10 names', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'data_batch_1.bin'), syntheticBatch([1]));
    await writeFile(path.join(dir, 'batches.meta.txt'), 'cat\ndog\n');
    await expect(loadCifar10(dir, { size: 32 })).rejects.toThrow(/batches\.meta\.txt lists 2 class names, expected 10/);
  });

  it('names a missing path', async () => {
    const missing = path.join(await makeTempDir(), 'data_batch_9.bin');
    await expect(loadCifar10(missing, { size: 32 })).rejects.toThrow(`${missing} not found`);
  });
});

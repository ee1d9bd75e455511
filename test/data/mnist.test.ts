import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../src/data/mnist.js';
import { makeTempDir, SHARED_DATA } from './helpers/paths.js';

const MNIST_DIR = path.join(SHARED_DATA, 'mnist');
const TEST_IMAGES = path.join(MNIST_DIR, 't10k-images-idx3-ubyte.gz');
const IMAGE_HEADER_BYTES = 16;
const signed = (byte: number) => (byte / 255) * 2 - 1;

/** Builds an unsigned-byte IDX file with the given dimensions and data. */
function idx(dims: number[], data: number[] | Uint8Array, type = 0x08): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = type;
  header[3] = dims.length;
  dims.forEach((dim, i) => header.writeUInt32BE(dim, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data)]);
}

describe('loadMnist on the real files', () => {
  it('loads the gzip test images with labels', async () => {
    const raw = gunzipSync(await readFile(TEST_IMAGES));
    const set = await loadMnist(TEST_IMAGES, { size: 28 });
    expect(set.name).toBe('MNIST t10k-images-idx3-ubyte.gz');
    expect(set.count).toBe(10000);
    expect([set.width, set.height, set.channels]).toEqual([28, 28, 1]);
    expect(set.pixels.length).toBe(10000 * 784);
    expect(set.range).toEqual([-1, 1]);
    expect(set.labels!.length).toBe(10000);
    expect(Array.from(set.labels!.subarray(0, 3))).toEqual([7, 2, 1]);
    expect(set.classNames).toBeUndefined();
    for (const index of [0, 783, 784 * 5 + 300, 784 * 9999 + 400]) {
      expect(set.pixels[index], `value ${index}`).toBeCloseTo(signed(raw[IMAGE_HEADER_BYTES + index]), 6);
    }
  });

  it('loads the training files from the folder', async () => {
    const set = await loadMnist(MNIST_DIR, { size: 28 });
    expect(set.name).toBe('MNIST mnist (train-images-idx3-ubyte.gz)');
    expect(set.count).toBe(60000);
    expect(set.labels![0]).toBe(5);
    expect(Array.from(set.labels!.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
  });

  it('upscales to 32x32 and copies gray into RGB', async () => {
    const gray = await loadMnist(TEST_IMAGES, { size: 32 });
    const rgb = await loadMnist(TEST_IMAGES, { size: 32, channels: 3 });
    expect([rgb.width, rgb.channels]).toEqual([32, 3]);
    expect(rgb.pixels.length).toBe(10000 * 32 * 32 * 3);
    for (const pixel of [0, 500, 1023, 1024 * 77 + 600]) {
      for (let c = 0; c < 3; c++) expect(rgb.pixels[pixel * 3 + c]).toBe(gray.pixels[pixel]);
    }
    expect(Math.min(...gray.pixels.subarray(0, 1024))).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...gray.pixels.subarray(0, 1024))).toBeLessThanOrEqual(1);
  });
});

describe('loadMnist file detection', () => {
  it('detects gzip by content, not by name', async () => {
    const dir = await makeTempDir();
    const images = idx([2, 2, 2], [0, 255, 255, 0, 51, 51, 51, 51]);
    await writeFile(path.join(dir, 'plain-images-idx3-ubyte.gz'), images);
    await writeFile(path.join(dir, 'packed-images-idx3-ubyte'), gzipSync(images));
    for (const name of ['plain-images-idx3-ubyte.gz', 'packed-images-idx3-ubyte']) {
      const set = await loadMnist(path.join(dir, name), { size: 2 });
      expect(Array.from(set.pixels), name).toEqual([-1, 1, 1, -1, signed(51), signed(51), signed(51), signed(51)].map(Math.fround));
    }
  });

  it('pairs labels by name, with or without gzip', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'train-images-idx3-ubyte'), idx([2, 1, 1], [0, 255]));
    await writeFile(path.join(dir, 'train-labels-idx1-ubyte.gz'), gzipSync(idx([2], [3, 8])));
    await writeFile(path.join(dir, 't10k-images-idx3-ubyte'), idx([1, 1, 1], [9]));
    const set = await loadMnist(dir, { size: 1 });
    expect(set.count).toBe(2);
    expect(Array.from(set.labels!)).toEqual([3, 8]);
  });

  it('loads images without a labels file', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'digits-idx3-ubyte'), idx([1, 1, 1], [255]));
    const set = await loadMnist(dir, { size: 1 });
    expect(set.labels).toBeUndefined();
    expect(set.pixels[0]).toBe(1);
  });
});

describe('loadMnist errors', () => {
  async function expectError(data: Buffer, pattern: RegExp, name = 'x-images-idx3-ubyte') {
    const dir = await makeTempDir();
    const file = path.join(dir, name);
    await writeFile(file, data);
    const error = await loadMnist(file, { size: 28 }).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(pattern);
  }

  it('rejects a wrong magic number', async () => {
    await expectError(Buffer.from('PK\x03\x04 zip file'), /is not an IDX file/);
  });

  it('rejects a truncated file', async () => {
    await expectError(idx([2, 28, 28], new Uint8Array(784 + 10)), /is truncated: dimensions 2x28x28 need 1584 bytes, the file has 810/);
    await expectError(Buffer.from([0, 0, 8, 3, 0, 0]), /is truncated: its header needs 16 bytes/);
  });

  it('rejects extra bytes', async () => {
    await expectError(idx([1, 2, 2], new Uint8Array(5)), /has extra bytes/);
  });

  it('rejects other element types and dimension counts', async () => {
    await expectError(idx([1, 1, 1], new Uint8Array(4), 0x0d), /contains float32 values, but only unsigned bytes/);
    await expectError(idx([2, 2], new Uint8Array(4)), /has 2 dimensions, but MNIST images have 3/);
    await expectError(idx([2], [1, 2]), /is an IDX labels file \(idx1\): pass the images file/);
  });

  it('rejects corrupt gzip data', async () => {
    const packed = gzipSync(idx([1, 1, 1], [5]));
    packed.fill(0xff, 10, 20);
    await expectError(packed, /is not valid gzip data/);
  });

  it('rejects labels that do not match the images', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'train-images-idx3-ubyte'), idx([2, 1, 1], [0, 255]));
    await writeFile(path.join(dir, 'train-labels-idx1-ubyte'), idx([3], [1, 2, 3]));
    await expect(loadMnist(dir, { size: 1 })).rejects.toThrow(/train-labels-idx1-ubyte has shape 3, but train-images-idx3-ubyte has 2 images/);
  });

  it('rejects a folder without images files, naming it', async () => {
    const dir = await makeTempDir();
    await writeFile(path.join(dir, 'train-labels-idx1-ubyte'), idx([1], [1]));
    await expect(loadMnist(dir, { size: 28 })).rejects.toThrow(`No MNIST images file in ${dir}`);
  });

  it('rejects zero images and empty images', async () => {
    await expectError(idx([0, 28, 28], []), /the IDX files list 0 images/);
    await expectError(idx([3, 0, 28], []), /has images of 0x28 pixels/);
  });
});

import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bundledDatasetDir } from '../../src/data/bundled.js';
import { DatasetError } from '../../src/data/errors.js';
import { loadDataset } from '../../src/data/load.js';
import { makeTempDir, REPO_ROOT, SHARED_DATA } from './helpers/paths.js';
import { encodePng, RGB } from './helpers/png-writer.js';

const CIFAR_DIR = path.join(SHARED_DATA, 'cifar-10-batches-bin');
const MNIST_DIR = path.join(SHARED_DATA, 'mnist');
const onePng = () => encodePng({ width: 1, height: 1, bitDepth: 8, colorType: RGB, samples: [1, 2, 3] });

describe('loadDataset', () => {
  it('loads the bundled emoji by default', async () => {
    const pngCount = (await readdir(path.join(REPO_ROOT, 'data', 'emoji'))).filter((name) => name.endsWith('.png')).length;
    const set = await loadDataset(undefined, { size: 16 });
    expect(set.name).toBe('emoji (bundled)');
    expect(set.count).toBe(pngCount);
    expect(set.count).toBeGreaterThan(1000);
    expect(set.skipped).toEqual([]);
    expect([set.width, set.height, set.channels]).toEqual([16, 16, 3]);
  });

  it('finds the bundled folder from any working directory', async () => {
    const before = process.cwd();
    try {
      process.chdir(await makeTempDir());
      expect(bundledDatasetDir()).toBe(path.join(REPO_ROOT, 'data', 'emoji'));
    } finally {
      process.chdir(before);
    }
  });

  it('makes the toy from the given generator', async () => {
    const set = await loadDataset('toy', { size: 32, random: () => 0.5 });
    expect([set.width, set.channels, set.range]).toEqual([2, 1, [0, 1]]);
    expect(Array.from(set.pixels.subarray(0, 4))).toEqual([0.875, 0.125, 0.125, 0.875]);
  });

  it('recognises CIFAR-10 files and folders', async () => {
    const fromFile = await loadDataset(path.join(CIFAR_DIR, 'data_batch_1.bin'), { size: 8 });
    expect(fromFile.name).toBe('CIFAR-10 data_batch_1.bin');
    const fromFolder = await loadDataset(CIFAR_DIR, { size: 8 });
    expect(fromFolder.count).toBe(10000);
    expect(fromFolder.labels![0]).toBe(6);
  });

  it('recognises MNIST files by content and folders by name', async () => {
    const fromFile = await loadDataset(path.join(MNIST_DIR, 't10k-images-idx3-ubyte.gz'), { size: 28 });
    expect([fromFile.count, fromFile.channels]).toEqual([10000, 1]);
    const dir = await makeTempDir();
    const renamed = path.join(dir, 'digits.data');
    await copyFile(path.join(MNIST_DIR, 't10k-images-idx3-ubyte.gz'), renamed);
    expect((await loadDataset(renamed, { size: 28 })).count).toBe(10000);
    const fromFolder = await loadDataset(MNIST_DIR, { size: 28 });
    expect(fromFolder.count).toBe(60000);
  });

  it('loads any other folder as images', async () => {
    const dir = await makeTempDir();
    await mkdir(path.join(dir, 'nested'));
    await writeFile(path.join(dir, 'nested', 'a.png'), onePng());
    const set = await loadDataset(dir, { size: 4 });
    expect(set.count).toBe(1);
    expect(set.name).toBe(path.basename(dir));
  });

  it('names a missing path and what was expected', async () => {
    const missing = path.join(await makeTempDir(), 'nothing-here');
    const error = await loadDataset(missing, { size: 8 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toContain(`${missing} not found`);
    expect((error as Error).message).toMatch(/expected a folder of \.png\/\.jpg images, a CIFAR-10 \.bin file/);
  });

  it('rejects an empty folder, a single image and an unknown file', async () => {
    const dir = await makeTempDir();
    await expect(loadDataset(dir, { size: 8 })).rejects.toThrow(`${dir} is an empty folder`);
    await writeFile(path.join(dir, 'cat.png'), onePng());
    await expect(loadDataset(path.join(dir, 'cat.png'), { size: 8 })).rejects.toThrow(/is a single image: pass the folder/);
    await writeFile(path.join(dir, 'notes.txt'), 'hello');
    await expect(loadDataset(path.join(dir, 'notes.txt'), { size: 8 })).rejects.toThrow(/notes\.txt is not a recognised dataset file/);
    await writeFile(path.join(dir, 'fake.gz'), gzipSync(Buffer.from('not idx')));
    await expect(loadDataset(path.join(dir, 'fake.gz'), { size: 8 })).rejects.toThrow(/fake\.gz is not an IDX file/);
    await expect(loadDataset('', { size: 8 })).rejects.toThrow(/dataset path is empty/);
  });

  it('rejects invalid options before loading', async () => {
    await expect(loadDataset(undefined, { size: -1 })).rejects.toThrow(/invalid size -1/);
    await expect(loadDataset('toy', { size: 2, channels: 2 as 1 })).rejects.toThrow(/invalid channels 2/);
  });
});

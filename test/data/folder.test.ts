import { copyFile, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/data/errors.js';
import { loadImageFolder } from '../../src/data/folder.js';
import { encodeRedBlueJpeg } from './helpers/jpeg-writer.js';
import { makeTempDir, SHARED_DATA } from './helpers/paths.js';
import { encodePng, GRAY, PALETTE, RGB, RGBA } from './helpers/png-writer.js';

/** Maps a value in [0, 1] to the training range [-1, 1]. */
const signed = (unit: number) => unit * 2 - 1;

/** A 1x1 PNG of one RGB colour. */
const solidPng = (r: number, g: number, b: number) => encodePng({ width: 1, height: 1, bitDepth: 8, colorType: RGB, samples: [r, g, b] });

async function writeFiles(root: string, files: Record<string, Uint8Array | string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
}

function expectPixel(pixels: Float32Array, offset: number, expected: number[]) {
  expected.forEach((value, c) => expect(pixels[offset + c], `value ${offset + c}`).toBeCloseTo(value, 5));
}

describe('loadImageFolder on a mixed folder', () => {
  it('loads good files, reports bad ones', async () => {
    const root = await makeTempDir();
    const good = solidPng(10, 20, 30);
    const truncated = solidPng(1, 2, 3).subarray(0, 30);
    await writeFiles(root, {
      'a.png': good,
      'UPPER.PNG': good,
      'photo.JPEG': encodeRedBlueJpeg(16, 16),
      'sub/deeper/b.png': good,
      'sub/c.jpg': encodeRedBlueJpeg(8, 8),
      'truncated.png': truncated,
      'empty.png': new Uint8Array(0),
      'notes.png': 'this is a text file, not an image',
      'anim.gif': 'GIF89a',
      'README.txt': 'ignored',
      'labels.csv': 'a.png,1',
      '.hidden.png': good,
      '.cache/d.png': good,
      '__MACOSX/._a.png': good,
      '__MACOSX/e.png': good,
    });
    await symlink('..', path.join(root, 'sub', 'loop'));

    const set = await loadImageFolder(root, { size: 4 });

    expect(set.count).toBe(5);
    expect([set.width, set.height, set.channels]).toEqual([4, 4, 3]);
    expect(set.pixels.length).toBe(5 * 4 * 4 * 3);
    expect(set.range).toEqual([-1, 1]);
    expect(set.name).toBe(path.basename(root));
    expect(set.labels).toBeUndefined();
    const skipped = Object.fromEntries(set.skipped.map(({ file, reason }) => [file, reason]));
    expect(Object.keys(skipped).sort()).toEqual(['anim.gif', 'empty.png', 'notes.png', 'truncated.png']);
    expect(skipped['empty.png']).toMatch(/empty/);
    expect(skipped['notes.png']).toMatch(/not a PNG or JPEG/);
    expect(skipped['truncated.png']).toMatch(/cannot decode PNG/);
    expect(skipped['anim.gif']).toMatch(/unsupported format \.gif/);
    for (const value of set.pixels) {
      expect(value).toBeGreaterThanOrEqual(-1);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('loads images in name order, folder by folder', async () => {
    const root = await makeTempDir();
    await writeFiles(root, { 'b.png': solidPng(2, 0, 0), 'a/z.png': solidPng(1, 0, 0), 'c.png': solidPng(3, 0, 0) });
    const set = await loadImageFolder(root, { size: 1 });
    expect(Array.from(set.pixels.filter((_, i) => i % 3 === 0), (v) => Math.round(((v + 1) / 2) * 255))).toEqual([1, 2, 3]);
  });
});

describe('loadImageFolder pixel values', () => {
  it('composites alpha on the background', async () => {
    const root = await makeTempDir();
    await writeFiles(root, { 'rgba.png': encodePng({ width: 1, height: 1, bitDepth: 8, colorType: RGBA, samples: [255, 0, 0, 51] }) });
    const alpha = 51 / 255;
    const onWhite = await loadImageFolder(root, { size: 1 });
    expectPixel(onWhite.pixels, 0, [1, signed(1 - alpha), signed(1 - alpha)]);
    const onBlack = await loadImageFolder(root, { size: 1, background: [0, 0, 0] });
    expectPixel(onBlack.pixels, 0, [signed(alpha), -1, -1]);
  });

  it('keeps 16-bit precision', async () => {
    const root = await makeTempDir();
    await writeFiles(root, {
      'a.png': encodePng({ width: 1, height: 1, bitDepth: 16, colorType: GRAY, samples: [0x8080] }),
      'b.png': encodePng({ width: 1, height: 1, bitDepth: 16, colorType: GRAY, samples: [0x80ff] }),
    });
    const set = await loadImageFolder(root, { size: 1 });
    expect(set.pixels[0]).toBeCloseTo(signed(0x8080 / 65535), 6);
    expect(set.pixels[3]).toBeCloseTo(signed(0x80ff / 65535), 6);
    expect(set.pixels[3]).toBeGreaterThan(set.pixels[0]);
  });

  it('expands grayscale and palette images to RGB', async () => {
    const root = await makeTempDir();
    await writeFiles(root, {
      'a-gray.png': encodePng({ width: 1, height: 1, bitDepth: 8, colorType: GRAY, samples: [51] }),
      'b-palette.png': encodePng({ width: 1, height: 1, bitDepth: 8, colorType: PALETTE, samples: [0], palette: [[255, 102, 0]] }),
    });
    const set = await loadImageFolder(root, { size: 1 });
    expectPixel(set.pixels, 0, [signed(0.2), signed(0.2), signed(0.2)]);
    expectPixel(set.pixels, 3, [1, signed(0.4), -1]);
  });

  it('centre-crops and area-averages a wide image', async () => {
    // 6x2 gray: the centred square is columns 2-3, and size 1 averages its 4 pixels.
    const root = await makeTempDir();
    const samples = [0, 255, 40, 80, 255, 0, 0, 255, 120, 160, 255, 0];
    await writeFiles(root, { 'wide.png': encodePng({ width: 6, height: 2, bitDepth: 8, colorType: GRAY, samples }) });
    const set = await loadImageFolder(root, { size: 1 });
    expectPixel(set.pixels, 0, [signed(100 / 255), signed(100 / 255), signed(100 / 255)]);
  });

  it('loads JPEG files', async () => {
    const root = await makeTempDir();
    await writeFiles(root, { 'photo.jpg': encodeRedBlueJpeg(16, 16) });
    const set = await loadImageFolder(root, { size: 2 });
    expect(set.pixels[0]).toBeGreaterThan(0.9); // red of the left column
    expect(set.pixels[2]).toBeLessThan(-0.9); // blue of the left column
    expect(set.pixels[5]).toBeGreaterThan(0.9); // blue of the right column
  });
});

describe('loadImageFolder errors', () => {
  it('rejects an empty folder, naming it', async () => {
    const root = await makeTempDir();
    const error = await loadImageFolder(root, { size: 8 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toContain(root);
    expect((error as Error).message).toMatch(/contains no \.png, \.jpg or \.jpeg files/);
  });

  it('lists the skipped files when none is usable', async () => {
    const root = await makeTempDir();
    await writeFiles(root, { 'empty.png': new Uint8Array(0), 'text.jpg': 'not a jpeg', '.hidden.png': solidPng(1, 1, 1), 'notes.md': 'x' });
    const error = await loadImageFolder(root, { size: 8 }).catch((caught: unknown) => caught);
    const message = (error as Error).message;
    expect(message).toContain(`No usable images in ${root}`);
    expect(message).toMatch(/None of its 2 \.png, \.jpg or \.jpeg files could be decoded/);
    expect(message).toMatch(/empty\.png: file is empty/);
    expect(message).toMatch(/text\.jpg: not a PNG or JPEG file/);
    expect(message).toMatch(/Ignored 1 files of other types/);
  });

  it('names a missing path', async () => {
    const missing = path.join(await makeTempDir(), 'no-such-folder');
    await expect(loadImageFolder(missing, { size: 8 })).rejects.toThrow(`${missing} not found`);
  });

  it('rejects a file where a folder is expected', async () => {
    const root = await makeTempDir();
    await writeFiles(root, { 'one.png': solidPng(1, 2, 3) });
    await expect(loadImageFolder(path.join(root, 'one.png'), { size: 8 })).rejects.toThrow(/is a file: expected a folder/);
  });

  it('rejects invalid options', async () => {
    const root = await makeTempDir();
    await expect(loadImageFolder(root, { size: 0 })).rejects.toThrow(/invalid size 0/);
    await expect(loadImageFolder(root, { size: 2.5 })).rejects.toThrow(/invalid size 2.5/);
    await expect(loadImageFolder(root, { size: 8, background: [0, 0, 300] })).rejects.toThrow(/invalid background/);
    await expect(loadImageFolder(root, { size: 8, channels: 1 })).rejects.toThrow(/colour dataset/);
  });
});

describe('loadImageFolder on the real emoji', () => {
  const emoji = path.join(SHARED_DATA, 'emoji-32');

  it('loads all emoji unchanged at 32', async () => {
    const files = (await readdir(emoji)).filter((name) => name.endsWith('.png')).sort();
    const set = await loadImageFolder(emoji, { size: 32 });
    expect(set.count).toBe(files.length);
    expect(set.count).toBe(3882);
    expect(set.skipped).toEqual([]);
    expect(set.pixels.length).toBe(3882 * 32 * 32 * 3);

    // At the original size the pipeline only rescales: value = byte / 255 * 2 - 1.
    const first = PNG.sync.read(await readFile(path.join(emoji, files[0])));
    for (const pixel of [0, 100, 555, 1023]) {
      for (let c = 0; c < 3; c++) {
        expect(set.pixels[pixel * 3 + c]).toBeCloseTo(signed(first.data[pixel * 4 + c] / 255), 6);
      }
    }
  });

  it('averages 2x2 blocks at size 16', async () => {
    const root = await makeTempDir();
    const name = 'emoji_u1f600.png';
    await copyFile(path.join(emoji, name), path.join(root, name));
    const set = await loadImageFolder(root, { size: 16 });
    const source = PNG.sync.read(await readFile(path.join(emoji, name)));
    const byte = (x: number, y: number, c: number) => source.data[(y * 32 + x) * 4 + c];
    for (const [x, y] of [[0, 0], [7, 9], [15, 15]]) {
      for (let c = 0; c < 3; c++) {
        const mean = (byte(2 * x, 2 * y, c) + byte(2 * x + 1, 2 * y, c) + byte(2 * x, 2 * y + 1, c) + byte(2 * x + 1, 2 * y + 1, c)) / 4;
        expect(set.pixels[(y * 16 + x) * 3 + c]).toBeCloseTo(signed(mean / 255), 5);
      }
    }
  });
});

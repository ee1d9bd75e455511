import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { encodePng, writePng } from '../../src/image/write-png.js';

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'pixelgan-png-'));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

function testPixels(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i++) {
    rgba[i] = (i * 37) % 256;
  }
  return rgba;
}

describe('encodePng', () => {
  test('decodes back to the same pixels', () => {
    const rgba = testPixels(3, 2);
    const decoded = PNG.sync.read(encodePng(3, 2, rgba));
    expect(decoded.width).toBe(3);
    expect(decoded.height).toBe(2);
    expect(Array.from(decoded.data)).toEqual(Array.from(rgba));
  });

  test('accepts a view into a larger buffer', () => {
    const backing = new Uint8Array(100).fill(9);
    const rgba = backing.subarray(10, 10 + 4);
    rgba.set([1, 2, 3, 255]);
    expect(Array.from(PNG.sync.read(encodePng(1, 1, rgba)).data)).toEqual([1, 2, 3, 255]);
  });

  test('rejects a buffer of the wrong length', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/PNG pixel buffer has 15 bytes, but 2x2 RGBA needs 16/);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(/PNG size is 0x2/);
  });
});

describe('writePng', () => {
  test('writes a readable PNG file', async () => {
    const path = join(folder, 'samples.png');
    const rgba = testPixels(4, 5);
    await writePng(path, { width: 4, height: 5, rgba });
    const decoded = PNG.sync.read(readFileSync(path));
    expect(Array.from(decoded.data)).toEqual(Array.from(rgba));
    expect(readdirSync(folder)).toEqual(['samples.png']);
  });

  test('missing folder rejects with the path', async () => {
    const path = join(folder, 'missing', 'samples.png');
    await expect(writePng(path, { width: 1, height: 1, rgba: new Uint8Array(4) })).rejects.toThrow(
      `failed to write ${path}`,
    );
  });
});

import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/data/decode-image.js';
import { decodePng } from '../../src/data/decode-png.js';
import { compositedSource, WHITE } from '../../src/data/pixels/to-rgb.js';
import type { RgbaImage } from '../../src/data/pixels/rgba-image.js';
import { encodePng, GRAY, GRAY_ALPHA, PALETTE, pngChunk, RGB, RGBA } from './helpers/png-writer.js';

/** Composites pixel (x, y) of a decoded image on `background` and returns its RGB in [0, 1]. */
function compositedPixel(image: RgbaImage, x: number, y: number, background = WHITE): number[] {
  const out = new Float32Array(3);
  compositedSource(image, background).readRow(y, x, 1, out);
  return Array.from(out);
}

function expectRgb(actual: number[], expected: number[]) {
  expected.forEach((value, c) => expect(actual[c], `channel ${c}`).toBeCloseTo(value, 6));
}

describe('decodePng colour types', () => {
  it('composites RGBA on the background', () => {
    const bytes = encodePng({ width: 2, height: 1, bitDepth: 8, colorType: RGBA, samples: [255, 0, 0, 128, 0, 0, 255, 0] });
    const image = decodePng(bytes);
    expect(image.maxValue).toBe(255);
    const alpha = 128 / 255;
    // Half-transparent red on white: red stays 1, green and blue become 1 - alpha.
    expectRgb(compositedPixel(image, 0, 0), [1, 1 - alpha, 1 - alpha]);
    expectRgb(compositedPixel(image, 0, 0, [0, 0, 0]), [alpha, 0, 0]);
    // A fully transparent pixel is the background, whatever its colour samples are.
    expectRgb(compositedPixel(image, 1, 0), [1, 1, 1]);
    expectRgb(compositedPixel(image, 1, 0, [0, 51, 255]), [0, 0.2, 1]);
  });

  it('expands 8-bit grayscale to equal RGB', () => {
    const image = decodePng(encodePng({ width: 1, height: 1, bitDepth: 8, colorType: GRAY, samples: [64] }));
    expectRgb(compositedPixel(image, 0, 0), [64 / 255, 64 / 255, 64 / 255]);
  });

  it('keeps 16-bit grayscale at full precision', () => {
    // Rounded to 8 bits, 0x8080 and 0x80ff would both become 0x80.
    const image = decodePng(encodePng({ width: 2, height: 1, bitDepth: 16, colorType: GRAY, samples: [0x8080, 0x80ff] }));
    expect(image.maxValue).toBe(65535);
    expect(Array.from(image.data.subarray(0, 8))).toEqual([0x8080, 0x8080, 0x8080, 65535, 0x80ff, 0x80ff, 0x80ff, 65535]);
    const first = compositedPixel(image, 0, 0)[0];
    const second = compositedPixel(image, 1, 0)[0];
    expect(first).toBeCloseTo(0x8080 / 65535, 7);
    expect(second).toBeCloseTo(0x80ff / 65535, 7);
    expect(second).toBeGreaterThan(first);
  });

  it('scales 16-bit RGB and alpha by 65535', () => {
    const samples = [65535, 0x1234, 0, 65535, 0xffff, 0xffff, 0xffff, 0];
    const image = decodePng(encodePng({ width: 1, height: 2, bitDepth: 16, colorType: RGB, samples: samples.slice(0, 3).concat(samples.slice(4, 7)) }));
    expectRgb(compositedPixel(image, 0, 0), [1, 0x1234 / 65535, 0]);
    const grayAlpha = decodePng(encodePng({ width: 1, height: 1, bitDepth: 16, colorType: GRAY_ALPHA, samples: [0, 0x4000] }));
    const alpha = 0x4000 / 65535;
    expectRgb(compositedPixel(grayAlpha, 0, 0), [1 - alpha, 1 - alpha, 1 - alpha]);
  });

  it('expands palette images with transparency', () => {
    const bytes = encodePng({
      width: 3,
      height: 1,
      bitDepth: 8,
      colorType: PALETTE,
      samples: [0, 1, 2],
      palette: [[255, 0, 0], [0, 0, 255], [10, 20, 30]],
      transparency: [255, 0], // entry 1 is transparent, entry 2 has no tRNS value and is opaque
    });
    const image = decodePng(bytes);
    expectRgb(compositedPixel(image, 0, 0), [1, 0, 0]);
    expectRgb(compositedPixel(image, 1, 0), [1, 1, 1]);
    expectRgb(compositedPixel(image, 2, 0), [10 / 255, 20 / 255, 30 / 255]);
  });

  it('reads 4-bit palette entries as 8-bit colours', () => {
    const bytes = encodePng({ width: 2, height: 1, bitDepth: 4, colorType: PALETTE, samples: [1, 0], palette: [[0, 0, 0], [200, 100, 50]] });
    expectRgb(compositedPixel(decodePng(bytes), 0, 0), [200 / 255, 100 / 255, 50 / 255]);
  });

  it('scales 1-, 2- and 4-bit grayscale by their maximum', () => {
    for (const bitDepth of [1, 2, 4] as const) {
      const max = 2 ** bitDepth - 1;
      const image = decodePng(encodePng({ width: 3, height: 1, bitDepth, colorType: GRAY, samples: [0, 1, max] }));
      expect(image.maxValue, `bit depth ${bitDepth}`).toBe(max);
      expect(compositedPixel(image, 1, 0)[0], `bit depth ${bitDepth}`).toBeCloseTo(1 / max, 6);
      expect(compositedPixel(image, 2, 0)[0], `bit depth ${bitDepth}`).toBe(1);
    }
  });

  it('treats the tRNS gray value as transparent', () => {
    const image = decodePng(encodePng({ width: 2, height: 1, bitDepth: 8, colorType: GRAY, samples: [7, 8], transparency: [7] }));
    expectRgb(compositedPixel(image, 0, 0, [0, 0, 0]), [0, 0, 0]);
    expectRgb(compositedPixel(image, 1, 0, [0, 0, 0]), [8 / 255, 8 / 255, 8 / 255]);
  });

  it('reads files written by pngjs', () => {
    const png = new PNG({ width: 1, height: 1 });
    png.data.set([10, 20, 30, 255]);
    const image = decodePng(PNG.sync.write(png, { colorType: 2 }));
    expectRgb(compositedPixel(image, 0, 0), [10 / 255, 20 / 255, 30 / 255]);
  });

  it('decodes interlaced images', () => {
    // Sizes that leave some Adam7 passes empty, with bit depths that pack several pixels per byte.
    for (const [width, height, bitDepth] of [[1, 1, 8], [5, 3, 4], [9, 10, 2], [16, 16, 16], [3, 17, 1]] as const) {
      const max = 2 ** bitDepth - 1;
      const samples = Array.from({ length: width * height }, (_, i) => (i * 7) % (max + 1));
      const image = decodePng(encodePng({ width, height, bitDepth, colorType: GRAY, samples, interlaced: true }));
      const decoded = Array.from({ length: width * height }, (_, i) => image.data[i * 4]);
      expect(decoded, `${width}x${height} at ${bitDepth} bits`).toEqual(samples);
    }
  });
});

describe('decodePng bad input', () => {
  const valid = encodePng({ width: 4, height: 4, bitDepth: 8, colorType: RGB, samples: Array(48).fill(100) });

  it('rejects a truncated file', () => {
    expect(() => decodePng(valid.subarray(0, valid.length - 20))).toThrow(/truncated/);
    expect(() => decodePng(valid.subarray(0, 20))).toThrow(/ends inside the header/);
  });

  it('rejects a CRC mismatch', () => {
    const corrupt = Buffer.from(valid);
    corrupt[corrupt.length - 20] ^= 0xff; // inside the IDAT payload
    expect(() => decodePng(corrupt)).toThrow(/CRC mismatch in chunk "IDAT"/);
  });

  it('rejects a header over the pixel limit without allocating', () => {
    const huge = encodePng({ width: 100_000, height: 100_000, bitDepth: 8, colorType: RGB, samples: [], rawImageData: new Uint8Array(0) });
    expect(() => decodePng(huge)).toThrow(/100000x100000, larger than the 50 megapixel limit/);
  });

  it('rejects an interlaced image that inflates past its size', () => {
    // 16x16 8-bit gray needs 286 bytes once inflated: for each Adam7 pass, rows x (1 + columns),
    // or 2x3 + 2x3 + 2x5 + 4x5 + 4x9 + 8x9 + 8x17. 1 MiB of zeros compresses to about 1 kB.
    const bomb = encodePng({ width: 16, height: 16, bitDepth: 8, colorType: GRAY, samples: [], interlaced: true, rawImageData: new Uint8Array(1 << 20) });
    expect(bomb.length).toBeLessThan(5000);
    expect(() => decodePng(bomb)).toThrow(/inflates to more than the 286 bytes/);
  });

  it('rejects a missing IEND chunk', () => {
    const signatureAndHeader = valid.subarray(0, 33);
    const data = pngChunk('IDAT', deflateSync(new Uint8Array(4 * 13)));
    expect(() => decodePng(Buffer.concat([signatureAndHeader, data]))).toThrow(/IEND chunk is missing/);
  });
});

describe('decodeImage', () => {
  it('chooses the decoder by content', () => {
    const png = encodePng({ width: 1, height: 1, bitDepth: 8, colorType: GRAY, samples: [5] });
    expect(decodeImage(png).width).toBe(1);
    expect(() => decodeImage(new Uint8Array(0))).toThrow(/empty/);
    expect(() => decodeImage(Buffer.from('hello, this is text'))).toThrow(/not a PNG or JPEG file \(starts with bytes 68 65 6c 6c\)/);
  });

  it('names the format in decode errors', () => {
    const png = encodePng({ width: 1, height: 1, bitDepth: 8, colorType: GRAY, samples: [5] });
    expect(() => decodeImage(png.subarray(0, 40))).toThrow(/^cannot decode PNG: file is truncated/);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/data/decode-image.js';
import { decodeJpeg } from '../../src/data/decode-jpeg.js';
import { readExifOrientation } from '../../src/data/exif-orientation.js';
import type { RgbaImage } from '../../src/data/pixels/rgba-image.js';
import { encodeRedBlueJpeg, withExifOrientation } from './helpers/jpeg-writer.js';

/** JPEG at quality 100 still shifts flat colours by a few levels. */
const JPEG_TOLERANCE = 8;

function rgbAt(image: RgbaImage, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return Array.from(image.data.subarray(i, i + 3));
}

function expectColour(actual: number[], expected: number[], where: string) {
  expected.forEach((value, c) => expect(Math.abs(actual[c] - value), `${where}, channel ${c}`).toBeLessThanOrEqual(JPEG_TOLERANCE));
}

const RED = [255, 0, 0];
const BLUE = [0, 0, 255];

describe('decodeJpeg', () => {
  it('decodes colours and size', () => {
    const image = decodeJpeg(encodeRedBlueJpeg(32, 16));
    expect([image.width, image.height, image.maxValue]).toEqual([32, 16, 255]);
    expectColour(rgbAt(image, 4, 8), RED, 'left');
    expectColour(rgbAt(image, 28, 8), BLUE, 'right');
    expect(image.data[3]).toBe(255);
  });

  it('turns the image upright by EXIF orientation', () => {
    const jpegBytes = encodeRedBlueJpeg(32, 16);
    // 6: the stored image must turn 90 degrees clockwise, so its left (red) half ends on top.
    const clockwise = decodeJpeg(withExifOrientation(jpegBytes, 6));
    expect([clockwise.width, clockwise.height]).toEqual([16, 32]);
    expectColour(rgbAt(clockwise, 8, 4), RED, 'top after 6');
    expectColour(rgbAt(clockwise, 8, 28), BLUE, 'bottom after 6');
    // 8: 90 degrees counter-clockwise, so the left half ends at the bottom.
    const counter = decodeJpeg(withExifOrientation(jpegBytes, 8, true));
    expectColour(rgbAt(counter, 8, 4), BLUE, 'top after 8');
    expectColour(rgbAt(counter, 8, 28), RED, 'bottom after 8');
    // 3: 180 degrees, so left and right swap and the size stays.
    const half = decodeJpeg(withExifOrientation(jpegBytes, 3));
    expect([half.width, half.height]).toEqual([32, 16]);
    expectColour(rgbAt(half, 4, 8), BLUE, 'left after 3');
    // 1: already upright.
    expectColour(rgbAt(decodeJpeg(withExifOrientation(jpegBytes, 1)), 4, 8), RED, 'left after 1');
  });

  it('rejects truncated and corrupt files', () => {
    const bytes = encodeRedBlueJpeg(32, 16);
    expect(() => decodeJpeg(bytes.subarray(0, bytes.length / 2))).toThrow();
    expect(() => decodeImage(bytes.subarray(0, bytes.length - 2))).toThrow(/^cannot decode JPEG: /);
    const corrupt = Buffer.from(bytes);
    corrupt.fill(0, 20, 60);
    expect(() => decodeImage(corrupt)).toThrow(/^cannot decode JPEG: /);
  });

  it('rejects a frame over the pixel limit', () => {
    const bytes = Buffer.from(encodeRedBlueJpeg(32, 16));
    const frame = bytes.indexOf(Buffer.from([0xff, 0xc0]));
    expect(frame).toBeGreaterThan(0);
    bytes.writeUInt16BE(60000, frame + 5); // height
    bytes.writeUInt16BE(60000, frame + 7); // width
    expect(() => decodeJpeg(bytes)).toThrow(/maxResolutionInMP/);
  });
});

describe('readExifOrientation', () => {
  it('returns 1 for missing or malformed data', () => {
    expect(readExifOrientation(undefined)).toBe(1);
    expect(readExifOrientation(new Uint8Array(0))).toBe(1);
    expect(readExifOrientation(Uint8Array.from([0x4d, 0x4d, 0, 42, 0xff, 0xff, 0xff, 0xff]))).toBe(1);
    expect(readExifOrientation(Buffer.from('MM\0*\0\0\0\x08\0\x05', 'latin1'))).toBe(1); // 5 entries promised, none present
  });

  it('ignores values outside 1-8', () => {
    const withNine = withExifOrientation(encodeRedBlueJpeg(16, 16), 9);
    const tiffStart = withNine.indexOf(Buffer.from('MM', 'latin1'));
    expect(readExifOrientation(withNine.subarray(tiffStart))).toBe(1);
    const withSix = withExifOrientation(encodeRedBlueJpeg(16, 16), 6);
    expect(readExifOrientation(withSix.subarray(withSix.indexOf(Buffer.from('MM', 'latin1'))))).toBe(6);
  });
});

import { describe, expect, test } from 'vitest';

import { renderGrid, type GridOptions } from '../../src/image/png-grid.js';
import type { RgbaImage } from '../../src/image/raster.js';

function pixelAt(image: RgbaImage, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return Array.from(image.rgba.subarray(i, i + 4));
}

const GREY = [128, 128, 128, 255];

describe('renderGrid', () => {
  test('places grayscale pixels at known positions', () => {
    // Two 2x2 images, [count, height, width, channels]: image 0 is 0, 0.2 / 0.4, 0.6; image 1 is 1, 0.8 / 0.6, 0.4.
    const images = new Float32Array([0, 0.2, 0.4, 0.6, 1, 0.8, 0.6, 0.4]);
    const grid = renderGrid(images, { count: 2, width: 2, height: 2, channels: 1, range: [0, 1], scale: 1 });

    // Two columns of 2-pixel cells with a 1-pixel border: 1 + 2 + 1 + 2 + 1.
    expect(grid.width).toBe(7);
    expect(grid.height).toBe(4);
    expect(pixelAt(grid, 0, 0)).toEqual(GREY);
    expect(pixelAt(grid, 1, 1)).toEqual([0, 0, 0, 255]);
    expect(pixelAt(grid, 2, 1)).toEqual([51, 51, 51, 255]);
    expect(pixelAt(grid, 1, 2)).toEqual([102, 102, 102, 255]);
    expect(pixelAt(grid, 2, 2)).toEqual([153, 153, 153, 255]);
    expect(pixelAt(grid, 3, 1)).toEqual(GREY);
    expect(pixelAt(grid, 4, 1)).toEqual([255, 255, 255, 255]);
    expect(pixelAt(grid, 5, 2)).toEqual([102, 102, 102, 255]);
    expect(pixelAt(grid, 6, 3)).toEqual(GREY);
  });

  test('maps range and clamps RGB values', () => {
    // One 1x2 RGB image: pixel 0 is (-1, 0, 1), pixel 1 is (-3, 2, 0.5).
    const images = new Float32Array([-1, 0, 1, -3, 2, 0.5]);
    const grid = renderGrid(images, { count: 1, width: 2, height: 1, channels: 3, range: [-1, 1], scale: 1 });
    expect(pixelAt(grid, 1, 1)).toEqual([0, 128, 255, 255]);
    expect(pixelAt(grid, 2, 1)).toEqual([0, 255, 191, 255]);
  });

  test('scales each pixel to a square block', () => {
    const images = new Float32Array([0, 1, 1, 0]);
    const grid = renderGrid(images, { count: 1, width: 2, height: 2, channels: 1, range: [0, 1], scale: 3, padding: 0 });
    expect(grid.width).toBe(6);
    expect(grid.height).toBe(6);
    for (let y = 0; y < 6; y++) {
      for (let x = 0; x < 6; x++) {
        const dark = (x < 3) === (y < 3);
        expect(pixelAt(grid, x, y)[0], `pixel ${x},${y}`).toBe(dark ? 0 : 255);
      }
    }
  });

  test('default layout for tiny images', () => {
    // Five 2x2 images: ceil(sqrt(5)) = 3 columns, 2 rows, 64-pixel cells, 4-pixel padding (64 / 16).
    const grid = renderGrid(new Float32Array(5 * 4), { count: 5, width: 2, height: 2, channels: 1, range: [0, 1] });
    expect(grid.width).toBe(3 * 68 + 4);
    expect(grid.height).toBe(2 * 68 + 4);
    // The sixth cell is empty and stays grey.
    expect(pixelAt(grid, 2 * 68 + 10, 68 + 10)).toEqual(GREY);
    expect(pixelAt(grid, 68 + 10, 68 + 10)).toEqual([0, 0, 0, 255]);
  });

  test('inverted draws high values dark', () => {
    const images = Float32Array.from([1, 0, 0.25, 1]); // one 2x2 ink image
    const grid = renderGrid(images, { count: 1, width: 2, height: 2, channels: 1, range: [0, 1], scale: 1, padding: 0, inverted: true });
    expect(pixelAt(grid, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(pixelAt(grid, 1, 0)).toEqual([255, 255, 255, 255]);
    expect(pixelAt(grid, 0, 1)).toEqual([191, 191, 191, 255]);
  });

  test('default scale keeps larger images unscaled', () => {
    const grid = renderGrid(new Float32Array(100 * 100), { count: 1, width: 100, height: 100, channels: 1, range: [0, 1] });
    // Padding is round(100 / 16) = 6 pixels on both sides.
    expect(grid.width).toBe(112);
  });

  test('rejects NaN naming the image index', () => {
    const images = new Float32Array(3 * 4);
    images[2 * 4 + 3] = NaN;
    const opts: GridOptions = { count: 3, width: 2, height: 2, channels: 1, range: [0, 1] };
    expect(() => renderGrid(images, opts)).toThrow(/grid image 2 contains a non-finite value \(NaN\) at row 1, column 1/);
  });

  test('rejects infinity naming the image index', () => {
    const images = new Float32Array(2 * 4 * 3);
    images[5] = -Infinity;
    const opts: GridOptions = { count: 2, width: 2, height: 2, channels: 3, range: [0, 1] };
    expect(() => renderGrid(images, opts)).toThrow(/grid image 0 contains a non-finite value \(-Infinity\)/);
  });

  test('rejects invalid options', () => {
    const images = new Float32Array(4);
    const base: GridOptions = { count: 1, width: 2, height: 2, channels: 1, range: [0, 1] };
    const cases: [Partial<GridOptions>, RegExp][] = [
      [{ count: 2 }, /grid images have 4 values, but count 2 x height 2 x width 2 x channels 1 needs 8/],
      [{ count: 0 }, /grid count is 0; expected a positive integer/],
      [{ channels: 2 as 1 }, /grid channels is 2; expected 1 \(grayscale\) or 3 \(RGB\)/],
      [{ range: [1, 0] }, /grid range is \[1,0\]; expected \[low, high\] with finite low < high/],
      [{ range: [0, NaN] }, /grid range is \[0,null\]/],
      [{ columns: 0 }, /grid columns is 0/],
      [{ scale: 1.5 }, /grid scale is 1.5/],
      [{ padding: -1 }, /grid padding is -1/],
      [{ scale: 10_000, padding: 1 }, /grid would be 20002x20002 pixels, more than the maximum of 16384 per side/],
    ];
    for (const [change, message] of cases) {
      expect(() => renderGrid(images, { ...base, ...change })).toThrow(message);
    }
  });
});

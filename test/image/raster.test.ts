import { describe, expect, test } from 'vitest';

import { createImage, drawLine, fillRect, type Rgb } from '../../src/image/raster.js';

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

function inkedPixels(width: number, height: number, rgba: Uint8Array): string[] {
  const inked: string[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (rgba[(y * width + x) * 4] === 0) {
        inked.push(`${x},${y}`);
      }
    }
  }
  return inked;
}

describe('drawLine', () => {
  test('includes both end points', () => {
    const image = createImage(5, 3, WHITE);
    drawLine(image, 0, 0, 4, 2, BLACK);
    // One pixel per column; at x = 1 and x = 3 the line passes exactly between two rows and steps down.
    expect(inkedPixels(5, 3, image.rgba)).toEqual(['0,0', '1,1', '2,1', '3,2', '4,2']);
  });

  test('clips pixels outside the image', () => {
    const image = createImage(3, 3, WHITE);
    drawLine(image, -2, 1, 5, 1, BLACK);
    expect(inkedPixels(3, 3, image.rgba)).toEqual(['0,1', '1,1', '2,1']);
  });

  test('rejects non-integer end points', () => {
    const image = createImage(3, 3, WHITE);
    expect(() => drawLine(image, 0, NaN, 2, 2, BLACK)).toThrow(/line end points must be integers, got \(0, NaN\)/);
    expect(() => drawLine(image, 0, 0, 1.5, 2, BLACK)).toThrow(/line end points must be integers/);
  });
});

describe('fillRect', () => {
  test('fills and clips a rectangle', () => {
    const image = createImage(4, 4, WHITE);
    fillRect(image, 2, -1, 5, 2, BLACK);
    expect(inkedPixels(4, 4, image.rgba)).toEqual(['2,0', '3,0']);
  });
});

describe('createImage', () => {
  test('rejects sizes outside the limit', () => {
    expect(() => createImage(0, 4, WHITE)).toThrow(/image width is 0 pixels; expected an integer from 1 to 16384/);
    expect(() => createImage(4, 16385, WHITE)).toThrow(/image height is 16385 pixels/);
  });
});

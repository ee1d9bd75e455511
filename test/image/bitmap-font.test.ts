import { describe, expect, test } from 'vitest';

import { drawText, measureText } from '../../src/image/bitmap-font.js';
import { createImage, type Rgb, type RgbaImage } from '../../src/image/raster.js';

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

/** Returns the image as rows of "#" (black) and "." (white). */
function asciiArt(image: RgbaImage): string[] {
  const rows: string[] = [];
  for (let y = 0; y < image.height; y++) {
    let row = '';
    for (let x = 0; x < image.width; x++) {
      row += image.rgba[(y * image.width + x) * 4] === 0 ? '#' : '.';
    }
    rows.push(row);
  }
  return rows;
}

function render(text: string, scale: number): string[] {
  const size = measureText(text, scale);
  const image = createImage(size.width, size.height, WHITE);
  drawText(image, text, 0, 0, BLACK, scale);
  return asciiArt(image);
}

describe('bitmap font', () => {
  test('draws digits with one blank column between', () => {
    expect(render('10', 1)).toEqual(['.#..###', '##..#.#', '.#..#.#', '.#..#.#', '###.###']);
  });

  test('scales each font pixel to a square', () => {
    expect(render('-', 2)).toEqual(['......', '......', '......', '......', '######', '######', '......', '......', '......', '......']);
  });

  test('draws lower case as upper case', () => {
    expect(render('loss', 1)).toEqual(render('LOSS', 1));
  });

  test('draws unknown characters as a question mark', () => {
    expect(render('\u00e9', 1)).toEqual(render('?', 1));
  });

  test('measures text including spacing', () => {
    expect(measureText('', 1)).toEqual({ width: 0, height: 5 });
    expect(measureText('a', 1)).toEqual({ width: 3, height: 5 });
    expect(measureText('0.5', 2)).toEqual({ width: 22, height: 10 });
  });
});

// A 3x5-pixel bitmap font for chart labels: digits, upper-case letters and a little punctuation.
// Lower-case letters are drawn upper-case and other characters as "?".
// Browser-safe: no Node imports.

import { fillRect, type Rgb, type RgbaImage } from './raster.js';

export const GLYPH_WIDTH_PX = 3;
export const GLYPH_HEIGHT_PX = 5;
/** Blank columns between two glyphs, before scaling. */
const GLYPH_SPACING_PX = 1;

// Each glyph is five rows of three pixels, top to bottom, where "1" is ink.
const GLYPH_ROWS: Record<string, string> = {
  '0': '111 101 101 101 111',
  '1': '010 110 010 010 111',
  '2': '111 001 111 100 111',
  '3': '111 001 111 001 111',
  '4': '101 101 111 001 001',
  '5': '111 100 111 001 111',
  '6': '111 100 111 101 111',
  '7': '111 001 001 001 001',
  '8': '111 101 111 101 111',
  '9': '111 101 111 001 111',
  A: '010 101 111 101 101',
  B: '110 101 110 101 110',
  C: '011 100 100 100 011',
  D: '110 101 101 101 110',
  E: '111 100 110 100 111',
  F: '111 100 110 100 100',
  G: '011 100 101 101 011',
  H: '101 101 111 101 101',
  I: '111 010 010 010 111',
  J: '001 001 001 101 010',
  K: '101 101 110 101 101',
  L: '100 100 100 100 111',
  M: '101 111 101 101 101',
  N: '110 101 101 101 101',
  O: '010 101 101 101 010',
  P: '110 101 110 100 100',
  Q: '010 101 101 110 011',
  R: '110 101 110 101 101',
  S: '011 100 010 001 110',
  T: '111 010 010 010 010',
  U: '101 101 101 101 111',
  V: '101 101 101 101 010',
  W: '101 101 101 111 101',
  X: '101 101 010 101 101',
  Y: '101 101 010 010 010',
  Z: '111 001 010 100 111',
  ' ': '000 000 000 000 000',
  '.': '000 000 000 000 010',
  ',': '000 000 000 010 100',
  ':': '000 010 000 010 000',
  '-': '000 000 111 000 000',
  '+': '000 010 111 010 000',
  '=': '000 111 000 111 000',
  _: '000 000 000 000 111',
  '/': '001 001 010 100 100',
  '(': '010 100 100 100 010',
  ')': '010 001 001 001 010',
  '%': '101 001 010 100 101',
  '?': '111 001 010 000 010',
};

/** Returns the size in pixels of `text` drawn at integer `scale`. */
export function measureText(text: string, scale: number): { width: number; height: number } {
  const length = Array.from(text).length;
  const width = length === 0 ? 0 : (length * (GLYPH_WIDTH_PX + GLYPH_SPACING_PX) - GLYPH_SPACING_PX) * scale;
  return { width, height: GLYPH_HEIGHT_PX * scale };
}

/** Draws `text` with its top-left corner at (x, y), each font pixel a `scale` x `scale` square. */
export function drawText(image: RgbaImage, text: string, x: number, y: number, color: Rgb, scale: number): void {
  let left = x;
  for (const character of text) {
    const rows = GLYPH_ROWS[character.toUpperCase()] ?? GLYPH_ROWS['?'];
    const bits = rows.replaceAll(' ', '');
    for (let row = 0; row < GLYPH_HEIGHT_PX; row++) {
      for (let column = 0; column < GLYPH_WIDTH_PX; column++) {
        if (bits[row * GLYPH_WIDTH_PX + column] === '1') {
          fillRect(image, left + column * scale, y + row * scale, scale, scale, color);
        }
      }
    }
    left += (GLYPH_WIDTH_PX + GLYPH_SPACING_PX) * scale;
  }
}

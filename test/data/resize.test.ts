import { describe, expect, it } from 'vitest';
import { centreCrop, centreSquare } from '../../src/data/pixels/crop.js';
import { toSignedRange } from '../../src/data/pixels/normalise.js';
import { prepareSource } from '../../src/data/pixels/prepare.js';
import { areaTaps, axisTaps, bilinearTaps, resize } from '../../src/data/pixels/resize.js';
import { rasterSource } from '../../src/data/pixels/source.js';

function gray(width: number, height: number, values: number[]) {
  return rasterSource({ width, height, channels: 1, data: Float32Array.from(values) });
}

function expectValues(actual: Float32Array, expected: number[]) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(actual[i], `value ${i}`).toBeCloseTo(value, 5));
}

describe('area-average resize', () => {
  it('averages 3x3 into 2x2 with fractional coverage', () => {
    // Each output pixel covers 1.5 x 1.5 source pixels: a whole corner pixel, two half
    // pixels and one quarter pixel. Expected values are those sums divided by the area 2.25.
    const source = gray(3, 3, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expectValues(resize(source, 2, 2), [
      (1 * 0 + 0.5 * 1 + 0.5 * 3 + 0.25 * 4) / 2.25,
      (0.5 * 1 + 1 * 2 + 0.25 * 4 + 0.5 * 5) / 2.25,
      (0.5 * 3 + 0.25 * 4 + 1 * 6 + 0.5 * 7) / 2.25,
      (0.25 * 4 + 0.5 * 5 + 0.5 * 7 + 1 * 8) / 2.25,
    ]);
  });

  it('averages whole blocks when the ratio is an integer', () => {
    const values = [1, 3, 10, 20, 5, 7, 30, 40, 0, 0, 100, 100, 4, 8, 100, 100];
    expectValues(resize(gray(4, 4, values), 2, 2), [4, 25, 3, 100]);
  });

  it('splits a shared pixel between neighbours', () => {
    // 5 -> 2: each output covers 2.5 pixels, and pixel 2 is shared half and half.
    expectValues(resize(gray(5, 1, [10, 20, 30, 40, 50]), 2, 1), [(10 + 20 + 15) / 2.5, (15 + 40 + 50) / 2.5]);
  });

  it('preserves the mean for uneven ratios', () => {
    const values = Array.from({ length: 7 * 7 }, (_, i) => (i * 37) % 11);
    const output = resize(gray(7, 7, values), 3, 3);
    const inputMean = values.reduce((a, b) => a + b, 0) / values.length;
    const outputMean = output.reduce((a, b) => a + b, 0) / output.length;
    expect(outputMean).toBeCloseTo(inputMean, 5);
  });

  it('keeps channels separate', () => {
    const source = rasterSource({
      width: 2,
      height: 2,
      channels: 3,
      data: Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1]),
    });
    expectValues(resize(source, 1, 1), [0.5, 0.5, 0.5]);
    expectValues(resize(rasterSource({ width: 2, height: 1, channels: 3, data: Float32Array.from([1, 0, 0, 0, 0, 1]) }), 1, 1), [0.5, 0, 0.5]);
  });

  it('returns the input unchanged at the same size', () => {
    const values = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    expectValues(resize(gray(3, 2, values), 3, 2), values);
  });

  it('gives taps whose weights sum to 1', () => {
    for (const [inSize, outSize] of [[7, 3], [32, 16], [100, 32], [5, 5]]) {
      for (const tap of areaTaps(inSize, outSize)) {
        expect(tap.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }
    }
  });
});

describe('bilinear upscaling', () => {
  it('interpolates between aligned pixel centres', () => {
    // 2 -> 4: sample positions -0.25, 0.25, 0.75, 1.25; the outer two clamp to the edges.
    expectValues(resize(gray(2, 1, [0, 100]), 4, 1), [0, 25, 75, 100]);
  });

  it('interpolates rows and columns', () => {
    const output = resize(gray(2, 2, [0, 100, 100, 200]), 4, 4);
    expectValues(output.subarray(0, 4), [0, 25, 75, 100]);
    expectValues(output.subarray(4, 8), [25, 50, 100, 125]);
    expectValues(output.subarray(12, 16), [100, 125, 175, 200]);
  });

  it('repeats a single pixel', () => {
    expectValues(resize(gray(1, 1, [0.4]), 3, 3), Array(9).fill(0.4));
    expect(bilinearTaps(1, 3).every((tap) => tap.first === 0 && tap.weights.length === 1)).toBe(true);
  });

  it('picks area taps to shrink and bilinear taps to enlarge', () => {
    expect(axisTaps(4, 2)).toEqual(areaTaps(4, 2));
    expect(axisTaps(2, 4)).toEqual(bilinearTaps(2, 4));
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => axisTaps(0, 2)).toThrow(/positive integers/);
    expect(() => axisTaps(4, 1.5)).toThrow(/positive integers/);
  });
});

describe('centre crop', () => {
  it('crops a wide image to its centred square', () => {
    expect(centreSquare(6, 4)).toEqual({ left: 1, top: 0, side: 4 });
    const values = Array.from({ length: 6 * 4 }, (_, i) => i % 6); // value = column
    const square = centreCrop(gray(6, 4, values));
    expect([square.width, square.height]).toEqual([4, 4]);
    const row = new Float32Array(4);
    square.readRow(2, 0, 4, row);
    expect(Array.from(row)).toEqual([1, 2, 3, 4]);
  });

  it('rounds an odd margin towards the top', () => {
    expect(centreSquare(5, 8)).toEqual({ left: 0, top: 1, side: 5 });
    const values = Array.from({ length: 5 * 8 }, (_, i) => Math.floor(i / 5)); // value = row
    const square = centreCrop(gray(5, 8, values));
    const column = Array.from({ length: 5 }, (_, y) => {
      const row = new Float32Array(5);
      square.readRow(y, 0, 5, row);
      return row[0];
    });
    expect(column).toEqual([1, 2, 3, 4, 5]);
  });

  it('leaves a square image whole', () => {
    expect(centreSquare(7, 7)).toEqual({ left: 0, top: 0, side: 7 });
  });
});

describe('normalise and prepare', () => {
  it('maps [0, 1] to [-1, 1]', () => {
    expectValues(toSignedRange(Float32Array.from([0, 0.25, 0.5, 1])), [-1, -0.5, 0, 1]);
  });

  it('crops, resizes and scales a source', () => {
    // 4x2 -> centre square is columns 1-2 -> one pixel, the mean of 0.2, 0.4, 0.6 and 0.8.
    const source = gray(4, 2, [0, 0.2, 0.4, 1, 1, 0.6, 0.8, 0]);
    expectValues(prepareSource(source, 1), [0.5 * 2 - 1]);
  });
});

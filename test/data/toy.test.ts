import { describe, expect, it } from 'vitest';
import { seededRandom, slantedFaces } from '../../src/data/toy.js';

describe('slantedFaces', () => {
  it('makes 2x2 grayscale images in [0, 1]', () => {
    const set = slantedFaces(500, seededRandom(7));
    expect([set.width, set.height, set.channels, set.count]).toEqual([2, 2, 1, 500]);
    expect(set.pixels.length).toBe(2000);
    expect(set.range).toEqual([0, 1]);
    expect(set.skipped).toEqual([]);
    for (const value of set.pixels) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('darkens the top-left to bottom-right diagonal', () => {
    const set = slantedFaces(500, seededRandom(7));
    for (let i = 0; i < set.count; i++) {
      const [topLeft, topRight, bottomLeft, bottomRight] = set.pixels.subarray(i * 4, i * 4 + 4);
      expect(topLeft).toBeGreaterThanOrEqual(0.75);
      expect(bottomRight).toBeGreaterThanOrEqual(0.75);
      expect(topRight).toBeLessThanOrEqual(0.25);
      expect(bottomLeft).toBeLessThanOrEqual(0.25);
    }
  });

  it('spreads values over both ranges', () => {
    const set = slantedFaces(2000, seededRandom(3));
    const diagonal = set.pixels.filter((_, i) => i % 4 === 0 || i % 4 === 3);
    const offDiagonal = set.pixels.filter((_, i) => i % 4 === 1 || i % 4 === 2);
    expect(Math.min(...diagonal)).toBeLessThan(0.76);
    expect(Math.max(...diagonal)).toBeGreaterThan(0.99);
    expect(Math.min(...offDiagonal)).toBeLessThan(0.01);
    expect(Math.max(...offDiagonal)).toBeGreaterThan(0.24);
  });

  it('repeats for the same seed', () => {
    expect(slantedFaces(10, seededRandom(42)).pixels).toEqual(slantedFaces(10, seededRandom(42)).pixels);
    expect(slantedFaces(10, seededRandom(42)).pixels).not.toEqual(slantedFaces(10, seededRandom(43)).pixels);
  });

  it('rejects a bad count or random source', () => {
    expect(() => slantedFaces(0, Math.random)).toThrow(/invalid toy image count 0/);
    expect(() => slantedFaces(3, () => 1)).toThrow(/random\(\) returned 1/);
    expect(() => slantedFaces(3, () => Number.NaN)).toThrow(/random\(\) returned NaN/);
  });
});

describe('seededRandom', () => {
  it('returns numbers in [0, 1) with a plausible mean', () => {
    const random = seededRandom(0); // seed 0 must not stick at 0
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      sum += value;
    }
    expect(sum / 10000).toBeCloseTo(0.5, 1);
  });
});

// The benchmark's command line: option parsing and what `--only` selects.

import { describe, expect, test } from 'vitest';

import { CASE_SPECS } from '../../bench/cases.js';
import { naiveMatmul } from '../../bench/naive-matmul.js';
import { DEFAULT_OUTPUT_DIR, parseBenchArgs } from '../../bench/options.js';
import { caseTags, parseSelection, selectsBackend, selectsCase } from '../../bench/selection.js';
import { nativeThreadCounts } from '../../bench/variants.js';

const BACKEND_TAGS = ['ts', 'ts-naive', 'wasm', 'wasm-simd', 'native', 'native-avx512', 'native-avx512-t1'];

describe('parseBenchArgs', () => {
  test('defaults', () => {
    expect(parseBenchArgs([])).toEqual({ quick: false, only: [], outputDir: DEFAULT_OUTPUT_DIR, help: false });
  });

  test('reads every option form', () => {
    const options = parseBenchArgs(['--quick', '--only', 'native, Matmul', '--only=pytorch', '--out=/tmp/x']);
    expect(options.quick).toBe(true);
    expect(options.only).toEqual(['native', 'matmul', 'pytorch']);
    expect(options.outputDir).toBe('/tmp/x');
  });

  test('rejects unknown options and missing values', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option "--fast"/);
    expect(() => parseBenchArgs(['--only'])).toThrow(/--only needs a value/);
    expect(() => parseBenchArgs(['--out='])).toThrow(/--out needs a value/);
    expect(() => parseBenchArgs(['--quick=yes'])).toThrow(/unknown option/);
  });
});

describe('parseSelection', () => {
  test('sorts words into backends and cases', () => {
    const selection = parseSelection(['native', 'matmul', 'pytorch', 'memory'], BACKEND_TAGS, CASE_SPECS);
    expect(selection).toEqual({ backendWords: ['native', 'pytorch'], caseWords: ['matmul', 'memory'] });
  });

  test('rejects a word that matches nothing', () => {
    expect(() => parseSelection(['native-avx2'], BACKEND_TAGS, CASE_SPECS)).toThrow(/"native-avx2" matches no backend or case/);
  });

  test('an empty selection takes everything', () => {
    const selection = parseSelection([], BACKEND_TAGS, CASE_SPECS);
    expect(selectsBackend(selection, ['ts'])).toBe(true);
    expect(CASE_SPECS.every((spec) => selectsCase(selection, caseTags(spec)))).toBe(true);
  });

  test('case words select by kind and by workload', () => {
    const byKind = parseSelection(['matmul'], BACKEND_TAGS, CASE_SPECS);
    expect(CASE_SPECS.filter((s) => selectsCase(byKind, caseTags(s))).map((s) => s.id)).toEqual(['matmul-768', 'matmul-3072']);
    const byWorkload = parseSelection(['seed-3072'], BACKEND_TAGS, CASE_SPECS);
    expect(CASE_SPECS.filter((s) => selectsCase(byWorkload, caseTags(s))).map((s) => s.id)).toEqual(['matmul-3072', 'dense-3072', 'train-seed-3072']);
    expect(selectsBackend(byWorkload, ['pytorch'])).toBe(true);
  });

  test('backend words leave out the other backends', () => {
    const selection = parseSelection(['wasm'], BACKEND_TAGS, CASE_SPECS);
    expect(selectsBackend(selection, ['wasm', 'wasm-simd'])).toBe(true);
    expect(selectsBackend(selection, ['native', 'native-avx512', 'native-avx512-t1'])).toBe(false);
    expect(selectsBackend(selection, ['pytorch'])).toBe(false);
  });
});

test('native thread counts', () => {
  expect(nativeThreadCounts(1)).toEqual([1]);
  expect(nativeThreadCounts(2)).toEqual([1, 2]);
  expect(nativeThreadCounts(8)).toEqual([1, 2, 8]);
});

test('naive matmul matches a direct sum', () => {
  const [m, n, k] = [3, 5, 4];
  const a = Float32Array.from({ length: m * k }, (_, i) => i - 5);
  const b = Float32Array.from({ length: k * n }, (_, i) => (i % 7) - 3);
  const c = new Float32Array(m * n).fill(Number.NaN);
  naiveMatmul(a, b, c, m, n, k);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[i * k + p] * b[p * n + j];
      expect(c[i * n + j]).toBe(sum);
    }
  }
});

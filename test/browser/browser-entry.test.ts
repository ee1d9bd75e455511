// The browser entry point and the demo sources: they bundle for the browser platform without
// any Node module, and the demo type-checks against the browser's DOM typings.

import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { comparePaths } from '../../src/browser/image-files.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('browser entry', () => {
  test('bundles with no Node imports', async () => {
    const result = await build({
      entryPoints: [path.join(repoRoot, 'src/browser/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.startsWith('node:') || input.includes('node_modules'))).toEqual([]);
    expect(inputs).toContain('src/core.ts');
    expect(inputs).toContain('src/backend/wasm/index.ts');
  });

  test('package exports the browser condition', async () => {
    const { default: manifest } = await import('../../package.json', { with: { type: 'json' } });
    const root = manifest.exports['.'] as Record<string, unknown>;
    expect(Object.keys(root)[0]).toBe('browser');
    expect(root.browser).toEqual({ types: './dist/src/browser/index.d.ts', default: './dist/src/browser/index.js' });
  });

  test('demo sources type-check', async () => {
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
    const result = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile('node', [tsc, '-p', path.join(repoRoot, 'demo/tsconfig.json')], (error, stdout, stderr) => {
        resolve({ code: error ? 1 : 0, output: stdout + stderr });
      });
    });
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  test('paths sort folder by folder', () => {
    const paths = ['b.png', 'a/z.png', 'a.png', 'a/b/c.png', 'A.png'];
    expect([...paths].sort(comparePaths)).toEqual(['A.png', 'a/b/c.png', 'a/z.png', 'a.png', 'b.png']);
  });
});

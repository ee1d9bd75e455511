import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { writeFileAtomic } from '../../src/checkpoint/atomic-file.js';

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'pixelgan-atomic-'));
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;

describe('writeFileAtomic', () => {
  test('creates a new file', async () => {
    const path = join(folder, 'model.safetensors');
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    expect(Array.from(readFileSync(path))).toEqual([1, 2, 3]);
    expect(readdirSync(folder)).toEqual(['model.safetensors']);
  });

  test('replaces an existing file', async () => {
    const path = join(folder, 'model.safetensors');
    writeFileSync(path, 'old contents that are longer than the new ones');
    await writeFileAtomic(path, new TextEncoder().encode('new'));
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(folder)).toEqual(['model.safetensors']);
  });

  test('missing folder rejects with the path', async () => {
    const path = join(folder, 'missing', 'model.safetensors');
    await expect(writeFileAtomic(path, new Uint8Array(4))).rejects.toThrow(
      new RegExp(`failed to write ${path}: the folder .* does not exist; create it or choose another path`),
    );
    expect(readdirSync(folder)).toEqual([]);
  });

  test('failed rename removes the temporary file', async () => {
    // Renaming a file over a non-empty folder fails after the temporary file is fully written.
    const path = join(folder, 'target');
    mkdirSync(path);
    writeFileSync(join(path, 'inside.txt'), 'keep');
    await expect(writeFileAtomic(path, new Uint8Array(16))).rejects.toThrow(`failed to write ${path}`);
    expect(readdirSync(folder)).toEqual(['target']);
    expect(readFileSync(join(path, 'inside.txt'), 'utf8')).toBe('keep');
  });

  test('concurrent writes leave one complete file', async () => {
    const path = join(folder, 'samples.png');
    const first = new Uint8Array(100_000).fill(1);
    const second = new Uint8Array(200_000).fill(2);
    await Promise.all([writeFileAtomic(path, first), writeFileAtomic(path, second)]);
    const result = readFileSync(path);
    const complete = result.equals(Buffer.from(first)) || result.equals(Buffer.from(second));
    expect(complete).toBe(true);
    expect(readdirSync(folder)).toEqual(['samples.png']);
  });

  // A child process with a 4 KiB file size limit gets EFBIG part way through writing 1 MB, which is a
  // real failure in the middle of the write. Node ignores SIGXFSZ, so the process is not killed.
  const limitName = hasBash ? 'write failing midway keeps old file' : 'write failing midway (skipped: bash not found)';
  test.skipIf(!hasBash)(limitName, () => {
    const modulePath = join(folder, 'atomic-file.mjs');
    const sourcePath = join(dirname(fileURLToPath(import.meta.url)), '../../src/checkpoint/atomic-file.ts');
    const compiled = ts.transpileModule(readFileSync(sourcePath, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(modulePath, compiled.outputText);

    const dataFolder = join(folder, 'data');
    mkdirSync(dataFolder);
    const target = join(dataFolder, 'checkpoint.safetensors');
    writeFileSync(target, 'previous checkpoint');
    const script =
      `import { writeFileAtomic } from ${JSON.stringify(modulePath)};\n` +
      `await writeFileAtomic(${JSON.stringify(target)}, new Uint8Array(1_000_000).fill(7))` +
      `.then(() => console.log("written"), (error) => console.log(error.message));\n`;
    const child = spawnSync('bash', ['-c', 'ulimit -f 4 && exec node --input-type=module -e "$0"', script], {
      encoding: 'utf8',
    });

    expect(child.stderr).toBe('');
    expect(child.stdout).toMatch(new RegExp(`failed to write ${target}: .*EFBIG`));
    expect(readFileSync(target, 'utf8')).toBe('previous checkpoint');
    expect(readdirSync(dataFolder)).toEqual(['checkpoint.safetensors']);
  });
});

// The pixelgan command as a user runs it: short training runs on real images, sampling,
// resuming, and one-line errors for bad input. Runs the compiled CLI in dist/ (npm test
// compiles it first).

import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = path.join(repoRoot, 'dist/src/cli/main.js');
const sharedData = path.resolve(repoRoot, '../shared/data');

interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

function pixelgan(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile('node', [cliPath, ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      let status = 0;
      if (error) status = typeof error.code === 'number' ? error.code : 1;
      resolve({ status, stdout, stderr });
    });
  });
}

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'pixelgan-cli-'));
}

function metricsLines(text: string): { step: number }[] {
  return text.trim().split('\n').map((line) => JSON.parse(line) as { step: number });
}

/** Checks that an error is one line on stderr, with no stack trace. */
function expectOneLineError(result: CliResult, pattern: RegExp): void {
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^pixelgan: error: /);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('pixelgan train', () => {
  test('short run on real emoji writes grid, chart, log and checkpoint', async () => {
    const out = await tempDir();
    const args = ['train', '--data', path.join(sharedData, 'emoji-32'), '--size', '8', '--steps', '20', '--batch', '16', '--out', out];
    const result = await pixelgan(args);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^pixelgan: backend (native|wasm|ts) /);
    expect(result.stdout).toMatch(/step 20\/20 .* img\/s .* loss_D \d/);
    for (const file of ['samples/final.png', 'samples/step-000002.png', 'loss.png', 'checkpoint.safetensors', 'metrics.jsonl']) {
      expect(existsSync(path.join(out, file)), file).toBe(true);
    }
    expect(metricsLines(await readFile(path.join(out, 'metrics.jsonl'), 'utf8')).map((m) => m.step)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );

    // Resume adds steps and continues the metrics log.
    const resumed = await pixelgan(['train', '--resume', path.join(out, 'checkpoint.safetensors'), '--steps', '5']);
    expect(resumed.stderr).toBe('');
    expect(resumed.stdout).toMatch(/resuming at step 20/);
    expect(resumed.stdout).toMatch(/step 25\/25/);
    expect(metricsLines(await readFile(path.join(out, 'metrics.jsonl'), 'utf8'))).toHaveLength(25);

    // A new run into the same folder would replace the checkpoint: rejected.
    const again = await pixelgan(args);
    expect(again.status).toBe(2);
    expectOneLineError(again, /already exists\. Continue that run with --resume/);

    // Learning rates may change on resume; the architecture may not.
    const lowered = await pixelgan(['train', '--resume', path.join(out, 'checkpoint.safetensors'), '--steps', '1', '--lr-g', '0.0001']);
    expect(lowered.status).toBe(0);
    const conflicting = await pixelgan(['train', '--resume', path.join(out, 'checkpoint.safetensors'), '--hidden', '32']);
    expectOneLineError(conflicting, /remove --hidden \(checkpoint: 192\)$/m);
    // The toy's values are in [0, 1]; this generator outputs [-1, 1].
    const toyData = await pixelgan(['train', '--resume', path.join(out, 'checkpoint.safetensors'), '--data', 'toy']);
    expectOneLineError(toyData, /has values in \[0,1\] but the checkpoint's generator outputs \[-1,1\]/);

    // --overwrite starts the log and the grids afresh.
    const overwritten = await pixelgan(['train', '--data', path.join(sharedData, 'emoji-32'), '--size', '8', '--steps', '3', '--out', out, '--overwrite']);
    expect(overwritten.status).toBe(0);
    expect(metricsLines(await readFile(path.join(out, 'metrics.jsonl'), 'utf8')).map((m) => m.step)).toEqual([1, 2, 3]);
    expect(existsSync(path.join(out, 'samples/step-000010.png'))).toBe(false);
  });

  test('CIFAR-10 at 32x32', async () => {
    const out = await tempDir();
    const result = await pixelgan(['train', '--data', path.join(sharedData, 'cifar-10-batches-bin'), '--size', '32', '--steps', '3', '--batch', '8', '--hidden', '64', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/10,000 images, 32x32x3/);
    expect(result.stdout).toMatch(/G 100-64-3072, D 3072-64-1/);
  });

  test('bad arguments give one line and status 2', async () => {
    expectOneLineError(await pixelgan(['train', '--steps', 'abc']), /--steps must be an integer >= 1, got "abc"/);
    expectOneLineError(await pixelgan(['train', '--bogus']), /Unknown option '--bogus'/);
    expectOneLineError(await pixelgan(['train', '--steps', '3', '--epochs', '1']), /--steps or --epochs, not both/);
    expectOneLineError(await pixelgan(['train', '--hidden', '12,x']), /--hidden must be comma-separated layer widths/);
    expectOneLineError(await pixelgan(['nonsense']), /unknown command "nonsense"/);
    expect((await pixelgan(['train', '--steps', '0'])).status).toBe(2);
    expectOneLineError(await pixelgan(['train', '--batch', '-3']), /--batch must be an integer from 1 to 65536, got "-3"/);
    expectOneLineError(await pixelgan(['train', '--lr-g', '1e9']), /--lr-g must be a number greater than 0 and at most 1, got "1e9"/);
    const backend = await pixelgan(['train', '--backend', 'gpu']);
    expect(backend.status).toBe(2);
    expectOneLineError(backend, /--backend must be one of auto, native, wasm, ts; got "gpu"/);
    expectOneLineError(await pixelgan(['train', '--size', '256']), /would need about .* GiB to train .*use a smaller --size or narrower --hidden/);
  });

  test('bad data and checkpoints give one line and status 1', async () => {
    const dir = await tempDir();
    const missing = await pixelgan(['train', '--data', path.join(dir, 'nope'), '--out', dir]);
    expect(missing.status).toBe(1);
    expectOneLineError(missing, /nope/);

    const corrupt = path.join(dir, 'corrupt.safetensors');
    await writeFile(corrupt, 'not a checkpoint');
    const resumed = await pixelgan(['train', '--resume', corrupt]);
    expect(resumed.status).toBe(1);
    expectOneLineError(resumed, /corrupt\.safetensors: not a readable checkpoint/);

    const sampled = await pixelgan(['sample', '--checkpoint', corrupt]);
    expect(sampled.status).toBe(1);
    expectOneLineError(sampled, /not a readable checkpoint/);

    const badBackend = await pixelgan(['doctor'], { PIXELGAN_BACKEND: 'gpu' });
    expectOneLineError(badBackend, /PIXELGAN_BACKEND=gpu: unknown backend "gpu"/);
  });

  test('doctor lists every backend', async () => {
    const result = await pixelgan(['doctor']);
    expect(result.status).toBe(0);
    for (const name of ['native', 'wasm', 'ts']) expect(result.stdout).toMatch(new RegExp(`^  ${name} +(available|not available): `, 'm'));
    expect(result.stdout).toMatch(/^active backend: (native|wasm|ts) /m);
    const forced = await pixelgan(['doctor', '--backend', 'ts']);
    expect(forced.stdout).toMatch(/^active backend: ts \(pure TypeScript, 1 thread\)/m);
  });

  test('compiled CLI is executable', () => {
    // npx runs the bin file directly, so it needs the execute bit that the build sets.
    expect(statSync(cliPath).mode & 0o111).not.toBe(0);
  });

  test('--help on every command', async () => {
    for (const command of [[], ['train'], ['sample'], ['doctor']]) {
      const result = await pixelgan([...command, '--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: pixelgan/);
    }
  });
});

describe('pixelgan sample', () => {
  test('same seed gives the same grid, another seed another', async () => {
    const out = await tempDir();
    const train = await pixelgan(['train', '--data', 'toy', '--steps', '30', '--out', out]);
    expect(train.status).toBe(0);
    const checkpoint = path.join(out, 'checkpoint.safetensors');
    const grid = async (seed: string, name: string): Promise<Buffer> => {
      const file = path.join(out, name);
      const result = await pixelgan(['sample', '--checkpoint', checkpoint, '--n', '16', '--seed', seed, '--out', file]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return readFile(file);
    };
    const first = await grid('7', 'a.png');
    expect(await grid('7', 'b.png')).toEqual(first);
    expect(await grid('8', 'c.png')).not.toEqual(first);
  });
});

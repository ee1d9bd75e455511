// The demo page end to end in headless Chromium. It trains on the bundled images with the
// WASM build, and its charts and sample grid update. Its downloaded model gives the same
// samples in Node (library and CLI), and a model made in Node loads in it. Bad files and
// checkpoints give a message while the model stays as it was. Any page error fails the run.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTsBackend } from '../../src/backend/ts/index.js';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/checkpoint/checkpoint.js';
import { decodeSafetensors, encodeSafetensors } from '../../src/checkpoint/safetensors.js';
import { loadBundledDataset, loadImageFolder, type ImageSet } from '../../src/data/index.js';
import { Trainer } from '../../src/train/trainer.js';
import { randomArray } from '../helpers/numeric.js';
import { chromiumInstalled, CHROMIUM_PATH, openDemoPage, type DemoPage } from './helpers/demo-page.js';
import { differingPixels, firstDifference, nodeSamples, sameBackendAsPage } from './helpers/node-side.js';
import {
  clearMessages,
  downloadModel,
  dropFiles,
  longestFrameGap,
  messages,
  nextError,
  readCanvas,
  seededSamples,
  stepCount,
  trainSteps,
  uploadModel,
  waitFor,
  waitUntilReady,
} from './helpers/page-actions.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = path.join(repoRoot, 'dist/src/cli/main.js');
/** G steps trained in the page before the checks. */
const TRAIN_STEPS = 20;
const SAMPLE_COUNT = 16;
const SAMPLE_SEED = 7;
/** Time over which the page's frame rate is checked during training, in ms. */
const FRAME_CHECK_MS = 1000;
/** Longest allowed gap between two frames while the worker trains, in ms. A 60 Hz page draws every 17 ms. */
const MAX_FRAME_GAP_MS = 300;

if (!chromiumInstalled()) {
  console.warn(`skipping the browser tests: ${CHROMIUM_PATH} is missing; install it with apt-get install chromium (scripts/setup.sh --test does)`);
}

function runCli(args: string[]): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile('node', [cliPath, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      let status = 0;
      if (error) status = typeof error.code === 'number' ? error.code : 1;
      resolve({ status, output: stdout + stderr });
    });
  });
}

/** Trains a small model in Node on random images of the given shape and returns its checkpoint. */
function nodeCheckpoint(image: { size: number; channels: 1 | 3 }, steps: number): Uint8Array {
  const count = 32;
  const valuesPerImage = image.size * image.size * image.channels;
  const data: ImageSet = {
    name: 'random',
    width: image.size,
    height: image.size,
    channels: image.channels,
    count,
    pixels: randomArray(count * valuesPerImage, 3),
    range: [-1, 1],
    skipped: [],
  };
  const trainer = Trainer.create({ backend: createTsBackend(), data, generator: { latentSize: 20, hidden: [48] }, discriminator: { hidden: [32] }, options: { batchSize: 8, seed: 5 } });
  for (let i = 0; i < steps; i++) trainer.trainStep();
  return encodeCheckpoint({ ...trainer.snapshot(), dataset: 'random' });
}

/** Returns the checkpoint with metadata that describes a wider hidden layer of G than its tensors have. */
function mismatchedCheckpoint(bytes: Uint8Array): Uint8Array {
  const { tensors, metadata } = decodeSafetensors(bytes);
  const generator = JSON.parse(metadata.generator) as { hidden: number[] };
  metadata.generator = JSON.stringify({ ...generator, hidden: [generator.hidden[0] + 1] });
  return encodeSafetensors([...tensors].map(([name, tensor]) => ({ name, ...tensor })), metadata);
}

/**
 * Writes a folder of opaque 8-bit PNGs of several sizes, most not square, plus files the
 * loaders leave out, and returns its path.
 */
async function writeImageFolder(parent: string): Promise<string> {
  const folder = path.join(parent, 'my-images');
  await mkdir(path.join(folder, 'more'), { recursive: true });
  const sizes: [string, number, number][] = [['wide.png', 40, 30], ['tall.png', 21, 50], ['square.png', 64, 64], ['more/small.png', 9, 7]];
  for (const [index, [name, width, height]] of sizes.entries()) {
    const png = new PNG({ width, height });
    const values = randomArray(width * height * 4, 10 + index);
    for (let i = 0; i < png.data.length; i++) png.data[i] = i % 4 === 3 ? 255 : Math.round((values[i] + 1) * 127.5);
    await writeFile(path.join(folder, name), PNG.sync.write(png));
  }
  await writeFile(path.join(folder, 'notes.txt'), 'not an image');
  await writeFile(path.join(folder, '.hidden.png'), 'left out without a report');
  return folder;
}

describe.skipIf(!chromiumInstalled())('demo page in Chromium', () => {
  let demo: DemoPage;
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'pixelgan-demo-files-'));
    demo = await openDemoPage();
    await waitFor(demo.page, () => (document.getElementById('data-summary')?.textContent ?? '').includes('images from'));
    await waitUntilReady(demo.page);
  });

  afterAll(async () => {
    await demo?.close();
    if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
  });

  test('loads the bundled images and the WASM backend', async () => {
    const summary = await demo.page.locator('#data-summary').innerText();
    expect(summary).toMatch(/^1,5\d\d images from emoji \(bundled\), prepared at 16 × 16 pixels\.$/);
    expect(demo.wasmFiles, 'build/wasm has no .wasm files: run npm run build:rust').toEqual(['pixelgan-simd.wasm', 'pixelgan-scalar.wasm']);
    expect(await demo.page.locator('#status-backend').innerText()).toBe('wasm');
    expect(await demo.page.locator('#status-backend').getAttribute('title')).toContain('SIMD');
    expect(await demo.page.locator('#architecture').innerText()).toContain('G 100-768-768, D 768-768-1');
  });

  test('training updates the charts and the grid', async () => {
    const { page } = demo;
    const gridBefore = await readCanvas(page, 'grid-canvas');
    const lossBefore = await readCanvas(page, 'loss-chart');
    const updatesBefore = Number(await page.locator('#grid-canvas').getAttribute('data-updates'));

    const steps = await trainSteps(page, TRAIN_STEPS);
    expect(steps).toBeGreaterThanOrEqual(TRAIN_STEPS);
    expect(await page.locator('#status-speed').innerText()).toMatch(/^[\d,]+$/);
    await waitFor(page, (n) => Number(document.getElementById('loss-chart')?.dataset.points) >= n, steps);

    const gridAfter = await readCanvas(page, 'grid-canvas');
    expect(gridAfter.width).toBeGreaterThan(8 * 16);
    expect(differingPixels(gridBefore, gridAfter)).toBeGreaterThan(1000);
    expect(Number(await page.locator('#grid-canvas').getAttribute('data-updates'))).toBeGreaterThan(updatesBefore);
    expect(differingPixels(lossBefore, await readCanvas(page, 'loss-chart'))).toBeGreaterThan(100);
    expect(Number(await page.locator('#probability-chart').getAttribute('data-points'))).toBeGreaterThanOrEqual(steps);
  });

  test('page stays responsive while training', async () => {
    const { page } = demo;
    expect(page.workers().map((worker) => new URL(worker.url()).pathname)).toEqual(['/worker.js']);
    await page.click('#start');
    await waitFor(page, () => document.body.dataset.state === 'training');
    const gap = await longestFrameGap(page, FRAME_CHECK_MS);
    await page.click('#pause');
    await waitUntilReady(page);
    expect(gap).toBeLessThan(MAX_FRAME_GAP_MS);
  });

  test('downloaded model gives the same samples in Node', async () => {
    const { page } = demo;
    const steps = await stepCount(page);
    const file = await downloadModel(page, workDir);
    expect(path.basename(file)).toBe(`pixelgan-step-${steps}.safetensors`);
    const snapshot = decodeCheckpoint(new Uint8Array(await readFile(file)));
    expect(snapshot.step).toBe(steps);
    expect(snapshot.dataset).toBe('bundled');

    const pageSamples = await seededSamples(page, SAMPLE_SEED);
    const backend = await sameBackendAsPage(await page.locator('#status-backend').innerText(), demo.outDir);
    expect(differingPixels(pageSamples, nodeSamples(backend, snapshot, SAMPLE_SEED, SAMPLE_COUNT))).toBe(0);

    // The page decoded the same pixels and trained the same steps as Node would have.
    const data = await loadBundledDataset({ size: 16 });
    const replay = Trainer.create({ backend, data, options: { seed: 1 } });
    for (let i = 0; i < steps; i++) replay.trainStep();
    const replayed = replay.snapshot();
    replay.dispose();
    expect(firstDifference(replayed.generatorParams, snapshot.generatorParams), 'first generator weight that differs').toBe(-1);
    expect(firstDifference(replayed.discriminatorParams, snapshot.discriminatorParams), 'first discriminator weight that differs').toBe(-1);
  });

  test('pixelgan sample in Node draws the page grid', async () => {
    expect(existsSync(cliPath), `${cliPath} is missing; run npm run build:ts (npm test does)`).toBe(true);
    const file = await downloadModel(demo.page, workDir);
    const out = path.join(workDir, 'cli-grid.png');
    const backend = await demo.page.locator('#status-backend').innerText();
    const result = await runCli(['sample', '--checkpoint', file, '--n', String(SAMPLE_COUNT), '--seed', String(SAMPLE_SEED), '--backend', backend, '--out', out]);
    expect(result.output).toContain(`wrote ${SAMPLE_COUNT} images`);
    expect(result.status).toBe(0);
    const png = PNG.sync.read(await readFile(out));
    const cliGrid = { width: png.width, height: png.height, rgba: new Uint8Array(png.data) };
    expect(differingPixels(await seededSamples(demo.page, SAMPLE_SEED), cliGrid)).toBe(0);
  });

  test('single D and G steps', async () => {
    const { page } = demo;
    const step = await stepCount(page);
    const points = Number(await page.locator('#loss-chart').getAttribute('data-points'));
    await page.click('#step-d');
    await waitFor(page, (n) => Number(document.getElementById('loss-chart')?.dataset.points) === n, points + 1);
    expect(await stepCount(page)).toBe(step);
    await page.click('#step-g');
    await waitFor(page, (n) => Number(document.getElementById('loss-chart')?.dataset.points) === n, points + 2);
    // The status arrives after the metrics, so wait for it in place of reading it at once.
    await waitFor(page, (n) => document.getElementById('status-step')?.textContent === String(n), step + 1);
    expect(await stepCount(page)).toBe(step + 1);
  });

  test('backend switch keeps the model', async () => {
    const { page } = demo;
    const step = await stepCount(page);
    await page.selectOption('#backend', 'ts');
    await waitFor(page, () => document.getElementById('status-backend')?.textContent === 'ts');
    expect(await stepCount(page)).toBe(step);
    await page.click('#step-g');
    await waitFor(page, (n) => document.getElementById('status-step')?.textContent === String(n), step + 1);
    await page.selectOption('#backend', 'auto');
    await waitFor(page, () => document.getElementById('status-backend')?.textContent === 'wasm');
    expect(await stepCount(page)).toBe(step + 1);
  });

  test('model trained in Node loads in the page', async () => {
    const { page } = demo;
    const bytes = nodeCheckpoint({ size: 16, channels: 3 }, 3);
    await uploadModel(page, workDir, 'from-node.safetensors', bytes);
    await waitFor(page, () => document.getElementById('status-step')?.textContent === '3');
    await waitUntilReady(page);
    expect((await messages(page, 'notice')).join('\n')).toContain('Loaded from-node.safetensors: step 3, G 20-48-768, D 768-32-1');
    expect(await page.locator('#batch').inputValue()).toBe('8');

    const backend = await sameBackendAsPage(await page.locator('#status-backend').innerText(), demo.outDir);
    const pageSamples = await seededSamples(page, SAMPLE_SEED);
    expect(differingPixels(pageSamples, nodeSamples(backend, decodeCheckpoint(bytes), SAMPLE_SEED, SAMPLE_COUNT))).toBe(0);
  });

  test('files that are not images give a message', async () => {
    const { page } = demo;
    await clearMessages(page);
    const stepBefore = await stepCount(page);
    const summaryBefore = await page.locator('#data-summary').innerText();
    const gridBefore = await readCanvas(page, 'grid-canvas');

    await dropFiles(page, [
      { name: 'notes.txt', text: 'not an image', type: 'text/plain' },
      { name: 'photo.png', text: 'this text was saved as .png', type: 'image/png' },
    ]);
    const error = await nextError(page);
    expect(error).toContain('No usable images among the 2 chosen files');
    expect(error).toContain('notes.txt: not a .png, .jpg or .jpeg file');
    expect(error).toContain('photo.png: not a PNG or JPEG file (starts with bytes 74 68 69 73)');

    await waitUntilReady(page);
    expect(await stepCount(page)).toBe(stepBefore);
    expect(await page.locator('#data-summary').innerText()).toBe(summaryBefore);
    expect(differingPixels(gridBefore, await readCanvas(page, 'grid-canvas'))).toBe(0);
  });

  test('bad checkpoints give a message and keep the model', async () => {
    const { page } = demo;
    const stepBefore = await stepCount(page);
    const samplesBefore = await seededSamples(page, SAMPLE_SEED);
    const good = nodeCheckpoint({ size: 16, channels: 3 }, 1);
    const cases: [name: string, bytes: Uint8Array, expected: string][] = [
      ['mnist.safetensors', nodeCheckpoint({ size: 28, channels: 1 }, 1), 'mnist.safetensors: this model makes 28x28 grayscale images (1 channel)'],
      ['wider.safetensors', mismatchedCheckpoint(good), 'checkpoint tensor "generator.layers.0.weight" has shape [48,20] but the architecture needs [49,20]'],
      ['truncated.safetensors', good.subarray(0, Math.floor(good.length / 2)), 'truncated.safetensors: not a readable checkpoint'],
      ['notes.safetensors', new TextEncoder().encode('hello'), 'notes.safetensors: not a readable checkpoint'],
    ];
    for (const [name, bytes, expected] of cases) {
      await clearMessages(page);
      await uploadModel(page, workDir, name, bytes);
      const error = await nextError(page);
      expect(error).toContain(expected);
      expect(error).toContain('The current model is unchanged.');
      await waitUntilReady(page);
      expect(await stepCount(page)).toBe(stepBefore);
    }
    expect(differingPixels(samplesBefore, await seededSamples(page, SAMPLE_SEED))).toBe(0);
  });

  test('reset starts a new model', async () => {
    const { page } = demo;
    await page.selectOption('#size', '8');
    await page.click('#reset');
    await waitFor(page, () => document.getElementById('status-step')?.textContent === '0');
    await waitUntilReady(page);
    expect(await page.locator('#loss-chart').getAttribute('data-points')).toBe('0');
    expect(await page.locator('#data-summary').innerText()).toContain('prepared at 8 × 8 pixels');
    expect(await page.locator('#architecture').innerText()).toContain('G 100-192-192, D 192-192-1');
    expect(await trainSteps(page, 3)).toBeGreaterThanOrEqual(3);
  });

  test('chosen folder trains as in Node', async () => {
    const { page } = demo;
    const folder = await writeImageFolder(workDir);
    await page.setInputFiles('#choose-folder', folder);
    await waitFor(page, () => (document.getElementById('data-summary')?.textContent ?? '').startsWith('4 images from my-images'));
    await waitUntilReady(page);
    expect(await page.locator('#data-skipped-title').textContent()).toBe('1 skipped file(s)');
    expect(await page.locator('#data-skipped-list').textContent()).toBe('my-images/notes.txt: not a .png, .jpg or .jpeg file');

    await page.selectOption('#size', '16');
    await page.fill('#batch', '8');
    await page.fill('#seed', '3');
    await page.click('#reset');
    await waitFor(page, () => document.getElementById('architecture')?.textContent?.includes('D 768-768-1') === true);
    await waitUntilReady(page);
    const steps = await trainSteps(page, 5);
    const snapshot = decodeCheckpoint(new Uint8Array(await readFile(await downloadModel(page, workDir))));
    expect(snapshot.dataset).toBe('my-images');

    const backend = await sameBackendAsPage(await page.locator('#status-backend').innerText(), demo.outDir);
    const data = await loadImageFolder(folder, { size: 16 });
    expect(data.count).toBe(4);
    const replay = Trainer.create({ backend, data, options: { batchSize: 8, seed: 3 } });
    for (let i = 0; i < steps; i++) replay.trainStep();
    const replayed = replay.snapshot();
    replay.dispose();
    expect(firstDifference(replayed.generatorParams, snapshot.generatorParams), 'first generator weight that differs').toBe(-1);
  });

  test('page reported no uncaught errors', () => {
    expect(demo.pageErrors).toEqual([]);
    const unexpected = demo.consoleErrors.filter((text) => !text.startsWith('pixelgan demo: '));
    expect(unexpected).toEqual([]);
  });

  test('page without wasm files uses ts', async () => {
    const { page } = demo;
    for (const file of demo.wasmFiles) await rm(path.join(demo.outDir, file));
    await page.reload();
    await waitFor(page, () => document.getElementById('status-backend')?.textContent === 'ts');
    await waitUntilReady(page);
    const notice = (await messages(page, 'notice')).join('\n');
    expect(notice).toContain(`The page uses the ts backend. Wasm backend unavailable: ${demo.url}pixelgan-simd.wasm returned HTTP 404`);
    expect(notice).toContain('pass wasmBaseUrl');
    expect(await trainSteps(page, 2)).toBeGreaterThanOrEqual(2);
    expect(demo.pageErrors).toEqual([]);
  });
});

#!/usr/bin/env node
// Training speed of the 768 configuration (16x16 RGB: G 100-768-768, D 768-768-1, batch 64)
// in the demo page in headless Chromium, and in Node on the same .wasm file, one after the
// other so they do not share the CPU. Prints images/s (G steps x batch size per second).
//
// Usage: npm run build:ts && node scripts/bench-browser.mjs [--seconds N] [--runs N]
// Needs /usr/bin/chromium and build/wasm (npm run build:rust).

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildDemo, root } from './demo/build.mjs';
import { serveDemo } from './demo/serve.mjs';

const { values } = parseArgs({ options: { seconds: { type: 'string' }, runs: { type: 'string' } } });
/** Length of one measurement, in seconds. */
const SECONDS = Number(values.seconds ?? 10);
/** Measurements per environment, of which the median is reported. */
const RUNS = Number(values.runs ?? 3);
/** Training time before each measurement, in seconds, so that the engine has compiled the hot code. */
const WARM_UP_SECONDS = 3;
const BATCH = 64;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function stepOf(page) {
  return Number((await page.locator('#status-step').innerText()).replace(/,/g, ''));
}

/** Measures the page: start, warm up, then count G steps over SECONDS of wall-clock time. */
async function measurePage(url, profileDir) {
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.state === 'idle', null, { polling: 100, timeout: 120_000 });
    const backend = await page.locator('#status-backend').getAttribute('title');
    const rates = [];
    await page.click('#start');
    await page.waitForTimeout(WARM_UP_SECONDS * 1000);
    for (let run = 0; run < RUNS; run++) {
      const startStep = await stepOf(page);
      const started = performance.now();
      await page.waitForTimeout(SECONDS * 1000);
      const steps = (await stepOf(page)) - startStep;
      rates.push((steps * BATCH) / ((performance.now() - started) / 1000));
    }
    await page.click('#pause');
    return { backend, rates };
  } finally {
    await context.close();
  }
}

/** Measures Node: the same trainer on the same .wasm file and the same bundled images. */
async function measureNode(wasmFile) {
  const library = await import(join(root, 'dist/src/index.js'));
  const { createWasmBackend } = await import(join(root, 'dist/src/backend/wasm/index.js'));
  const backend = await createWasmBackend(new Uint8Array(await readFile(wasmFile)), { build: 'simd' });
  const data = await library.loadBundledDataset({ size: 16 });
  const trainer = library.Trainer.create({ backend, data, options: { batchSize: BATCH, seed: 1 } });
  const trainFor = (seconds) => {
    const started = performance.now();
    let steps = 0;
    while (performance.now() - started < seconds * 1000) {
      trainer.trainStep();
      steps++;
    }
    return (steps * BATCH) / ((performance.now() - started) / 1000);
  };
  trainFor(WARM_UP_SECONDS);
  const rates = [];
  for (let run = 0; run < RUNS; run++) rates.push(trainFor(SECONDS));
  trainer.dispose();
  return { backend: backend.describe(), rates };
}

const workDir = await mkdtemp(join(tmpdir(), 'pixelgan-bench-browser-'));
try {
  const built = await buildDemo({ outDir: join(workDir, 'demo') });
  if (!built.wasm.includes('pixelgan-simd.wasm')) throw new Error('build/wasm/pixelgan-simd.wasm is missing; run npm run build:rust');
  const server = await serveDemo({ rootDir: built.outDir, port: 0 });
  let page;
  try {
    page = await measurePage(server.url, join(workDir, 'profile'));
  } finally {
    await server.close();
  }
  const node = await measureNode(join(built.outDir, 'pixelgan-simd.wasm'));
  const format = (result) => `${Math.round(median(result.rates))} images/s (runs: ${result.rates.map(Math.round).join(', ')}; ${result.backend})`;
  console.log(`768 configuration, batch ${BATCH}, ${RUNS} runs of ${SECONDS} s after ${WARM_UP_SECONDS} s of warm-up, median:`);
  console.log(`  page (Chromium, worker, live view on): ${format(page)}`);
  console.log(`  Node ${process.version}:                       ${format(node)}`);
} finally {
  await rm(workDir, { recursive: true, force: true });
}

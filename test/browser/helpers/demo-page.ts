// Builds and serves the demo page, and opens it in Debian's headless Chromium through
// playwright-core, so the browser tests drive the page as a learner would.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildDemo } from '../../../scripts/demo/build.mjs';
import { serveDemo } from '../../../scripts/demo/serve.mjs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags for a headless Chromium that contacts no outside host: without the networking flags
 * it reaches for update, sync and field-trial servers, which this machine refuses.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface DemoPage {
  page: Page;
  url: string;
  /** Folder the demo was built into: the page's .wasm files are here. */
  outDir: string;
  /** WASM files the build copied next to the bundle. */
  wasmFiles: string[];
  /** Uncaught errors and unhandled rejections in the page, and console errors. */
  pageErrors: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

/** Builds the demo into a temporary folder, serves it on a free loopback port and opens it. */
export async function openDemoPage(): Promise<DemoPage> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'pixelgan-browser-test-'));
  const built = await buildDemo({ outDir: path.join(workDir, 'demo') });
  const server = await serveDemo({ rootDir: built.outDir, port: 0 });

  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(path.join(workDir, 'profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 1000 },
      acceptDownloads: true,
    });
  } catch (error) {
    await server.close();
    throw error;
  }

  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(server.url);

  const openContext = context;
  return {
    page,
    url: server.url,
    outDir: built.outDir,
    wasmFiles: built.wasm,
    pageErrors,
    consoleErrors,
    async close() {
      await openContext.close();
      await server.close();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

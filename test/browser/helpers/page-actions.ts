// What a browser test does and reads on the demo page: status values, canvases as pixels,
// the message area, downloads and uploads.

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';

/** Time allowed for the page to load images, start a backend or finish a request, in ms. */
export const PAGE_TIMEOUT_MS = 90_000;
/** Interval between two checks of a condition in the page, in ms. */
const POLL_MS = 50;

export interface CanvasPixels {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * Waits until `predicate(arg)` is true in the page, checking every POLL_MS. (Polling on
 * animation frames, the default, stalls when the page draws no frames.)
 */
export async function waitFor<T extends number | string | undefined>(page: Page, predicate: (arg: T) => boolean, arg?: T): Promise<void> {
  await page.waitForFunction(predicate as (arg: unknown) => boolean, arg, { polling: POLL_MS, timeout: PAGE_TIMEOUT_MS });
}

/** Returns the step counter in the page header. */
export async function stepCount(page: Page): Promise<number> {
  return Number((await page.locator('#status-step').innerText()).replace(/,/g, ''));
}

/** Waits until the worker is idle or paused (not loading, not training). */
export async function waitUntilReady(page: Page): Promise<void> {
  await waitFor(page, () => ['idle', 'paused'].includes(document.body.dataset.state ?? ''));
}

/**
 * Returns the longest gap between animation frames of the page over `durationMs`, in ms: the
 * time the page's main thread could not draw.
 */
export async function longestFrameGap(page: Page, durationMs: number): Promise<number> {
  return page.evaluate(
    (duration) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        let last = start;
        let longest = 0;
        const frame = (now: number): void => {
          longest = Math.max(longest, now - last);
          last = now;
          if (now - start < duration) requestAnimationFrame(frame);
          else resolve(longest);
        };
        requestAnimationFrame(frame);
      }),
    durationMs,
  );
}

/** Starts training, waits for at least `steps` steps, pauses and returns the step count. */
export async function trainSteps(page: Page, steps: number): Promise<number> {
  await page.click('#start');
  await waitFor(page, (minimum) => Number(document.getElementById('status-step')?.textContent?.replace(/,/g, '')) >= minimum, steps);
  await page.click('#pause');
  await waitUntilReady(page);
  return stepCount(page);
}

/** Reads a canvas as RGBA pixels, through a PNG of it as the page would save it. */
export async function readCanvas(page: Page, id: string): Promise<CanvasPixels> {
  const dataUrl = await page.evaluate((canvasId) => (document.getElementById(canvasId) as HTMLCanvasElement).toDataURL('image/png'), id);
  const png = PNG.sync.read(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
  return { width: png.width, height: png.height, rgba: new Uint8Array(png.data) };
}

/** Returns the texts of the messages in the message area, newest first. */
export async function messages(page: Page, kind: 'error' | 'notice'): Promise<string[]> {
  return page.locator(`#messages .message.${kind} p`).allInnerTexts();
}

/** Removes every message, so that the next check reads only new ones. */
export async function clearMessages(page: Page): Promise<void> {
  await page.evaluate(() => document.getElementById('messages')?.replaceChildren());
}

/** Waits for a new error message and returns its text. */
export async function nextError(page: Page): Promise<string> {
  const locator = page.locator('#messages .message.error p').first();
  await locator.waitFor({ state: 'visible', timeout: PAGE_TIMEOUT_MS });
  return locator.innerText();
}

/** Clicks "Download model", saves the file into `folder` and returns its path. */
export async function downloadModel(page: Page, folder: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: PAGE_TIMEOUT_MS }), page.click('#save-model')]);
  const file = path.join(folder, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** Shows the samples for a seed in the model panel and returns them as pixels. */
export async function seededSamples(page: Page, seed: number): Promise<CanvasPixels> {
  await page.fill('#sample-seed', String(seed));
  await page.evaluate(() => {
    delete (document.getElementById('sample-canvas') as HTMLCanvasElement).dataset.seed;
  });
  await page.click('#sample');
  await waitFor(page, (s) => document.getElementById('sample-canvas')?.dataset.seed === String(s), seed);
  return readCanvas(page, 'sample-canvas');
}

/** Loads a checkpoint file through the "Load model" picker. */
export async function uploadModel(page: Page, folder: string, name: string, bytes: Uint8Array): Promise<void> {
  const file = path.join(folder, name);
  await writeFile(file, bytes);
  await page.setInputFiles('#load-model', file);
}

/** Drops files on the drop zone, as a drag from the file manager would. */
export async function dropFiles(page: Page, files: { name: string; text: string; type: string }[]): Promise<void> {
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([file.text], file.name, { type: file.type }));
    const zone = document.getElementById('drop-zone');
    zone?.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}

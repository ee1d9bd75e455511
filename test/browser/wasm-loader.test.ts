// The browser WASM loader, run in Node with a stand-in fetch: the URL it requests, and the
// errors for a missing file, a page served in place of the file and a foreign module.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createBrowserBackend } from '../../src/browser/backends.js';
import { loadWasmBackendInBrowser, wasmFileUrl } from '../../src/browser/wasm-loader.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const simdFile = path.join(repoRoot, 'build/wasm/pixelgan-simd.wasm');

/** Returns a fetch that returns `response()` for every request and records the requested URLs. */
function fakeFetch(response: () => Response): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fetchFunction = (async (input: URL | RequestInfo) => {
    urls.push(String(input));
    return response();
  }) as typeof fetch;
  return { fetch: fetchFunction, urls };
}

describe('browser wasm loader', () => {
  test('default URL is next to the module', () => {
    const url = wasmFileUrl({}, true);
    expect(url.href).toBe(new URL('../../src/browser/pixelgan-simd.wasm', import.meta.url).href);
    expect(wasmFileUrl({}, false).pathname.endsWith('/src/browser/pixelgan-scalar.wasm')).toBe(true);
  });

  test('wasmBaseUrl names the folder, with or without a slash', () => {
    expect(wasmFileUrl({ wasmBaseUrl: 'http://127.0.0.1:9/assets' }, true).href).toBe('http://127.0.0.1:9/assets/pixelgan-simd.wasm');
    expect(wasmFileUrl({ wasmBaseUrl: 'http://127.0.0.1:9/assets/' }, false).href).toBe('http://127.0.0.1:9/assets/pixelgan-scalar.wasm');
    expect(wasmFileUrl({ wasmBaseUrl: 'http://127.0.0.1:9/a', wasmUrl: 'http://127.0.0.1:9/b/x.wasm' }, true).href).toBe(
      'http://127.0.0.1:9/b/x.wasm',
    );
  });

  test('missing file names the URL and the fix', async () => {
    const fake = fakeFetch(() => new Response('not found', { status: 404, statusText: 'Not Found' }));
    const error = await loadWasmBackendInBrowser({ wasmBaseUrl: 'http://127.0.0.1:9/static/', fetch: fake.fetch }).catch((e: Error) => e);
    expect(fake.urls).toEqual(['http://127.0.0.1:9/static/pixelgan-simd.wasm']);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('http://127.0.0.1:9/static/pixelgan-simd.wasm returned HTTP 404 Not Found');
    expect((error as Error).message).toContain('pass wasmBaseUrl');
  });

  test('page served for the file is not WebAssembly', async () => {
    const fake = fakeFetch(() => new Response('<!doctype html><html>', { status: 200 }));
    const error = await loadWasmBackendInBrowser({ wasmUrl: 'http://127.0.0.1:9/x.wasm', fetch: fake.fetch }).catch((e: Error) => e);
    expect((error as Error).message).toContain('http://127.0.0.1:9/x.wasm is not a WebAssembly file (it starts with "<!doctype html><"');
  });

  test('network failure names the URL', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const error = await loadWasmBackendInBrowser({ wasmUrl: 'http://127.0.0.1:9/x.wasm', fetch: failing }).catch((e: Error) => e);
    expect((error as Error).message).toContain('fetching http://127.0.0.1:9/x.wasm failed (Failed to fetch)');
  });

  test('foreign module names the URL', async () => {
    // The smallest valid module: magic and version, no sections, so no pixelgan exports.
    const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const fake = fakeFetch(() => new Response(empty, { status: 200 }));
    const error = await loadWasmBackendInBrowser({ wasmUrl: 'http://127.0.0.1:9/other.wasm', fetch: fake.fetch }).catch((e: Error) => e);
    expect((error as Error).message).toContain('it is not a pixelgan build');
    expect((error as Error).message).toContain('module fetched from http://127.0.0.1:9/other.wasm');
  });

  test.skipIf(!existsSync(simdFile))('real build loads and computes', async () => {
    const bytes = await readFile(simdFile);
    const fake = fakeFetch(() => new Response(bytes, { status: 200 }));
    const backend = await loadWasmBackendInBrowser({ wasmBaseUrl: 'http://127.0.0.1:9/', fetch: fake.fetch });
    expect(backend.info().build).toBe('wasm-simd');
    expect(backend.info().file).toBe('http://127.0.0.1:9/pixelgan-simd.wasm');
    const t = backend.alloc(3);
    backend.write(t, Float32Array.of(-1, 0, 2));
    backend.activate({ kind: 'relu' }, t, t, 3);
    expect([...backend.read(t)]).toEqual([0, 0, 2]);
  });

  test('auto falls back to ts with the reason', async () => {
    const fake = fakeFetch(() => new Response('', { status: 404, statusText: 'Not Found' }));
    const selection = await createBrowserBackend('auto', { wasmBaseUrl: 'http://127.0.0.1:9/', fetch: fake.fetch });
    expect(selection.backend.name).toBe('ts');
    expect(selection.skipped).toHaveLength(1);
    expect(selection.skipped[0].reason).toContain('http://127.0.0.1:9/pixelgan-simd.wasm returned HTTP 404');
  });

  test('requested wasm does not fall back', async () => {
    const fake = fakeFetch(() => new Response('', { status: 404, statusText: 'Not Found' }));
    await expect(createBrowserBackend('wasm', { wasmBaseUrl: 'http://127.0.0.1:9/', fetch: fake.fetch })).rejects.toThrow(
      /the wasm backend was requested but cannot load: .*HTTP 404/,
    );
    await expect(createBrowserBackend('native')).rejects.toThrow('the native backend runs only in Node');
    await expect(createBrowserBackend('gpu')).rejects.toThrow('unknown backend "gpu"; choose one of auto, wasm, ts');
  });
});

// Browser loader of the WASM backend: fetches pixelgan-simd.wasm or pixelgan-scalar.wasm and
// instantiates it. By default the files are looked up next to the JavaScript module that
// contains this code, which after bundling is the bundle itself. Browser-safe: no Node imports.

import { createWasmBackend, WASM_FILES, wasmSimdSupported, type WasmBackend } from '../backend/wasm/index.js';

export interface BrowserWasmOptions {
  /**
   * Folder URL that contains pixelgan-simd.wasm and pixelgan-scalar.wasm, e.g. '/assets/'.
   * Relative URLs resolve against the page. Default: the folder of this module or bundle.
   */
  wasmBaseUrl?: string | URL;
  /** URL of one .wasm file, which overrides wasmBaseUrl. Its build is reported as 'custom' unless `simd` is a boolean. */
  wasmUrl?: string | URL;
  /** Build choice: true for SIMD or an error, false for scalar, 'auto' (default) for SIMD when this engine validates it. */
  simd?: boolean | 'auto';
  /** The fetch function to use. Default: globalThis.fetch. */
  fetch?: typeof fetch;
}

/** The first bytes of every WebAssembly binary: "\0asm". */
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

const PATH_HINT =
  'Copy pixelgan-simd.wasm and pixelgan-scalar.wasm from the package folder build/wasm/ next to your ' +
  'JavaScript bundle, or pass wasmBaseUrl (the folder that contains both) or wasmUrl (one file) ' +
  'to createBrowserBackend or loadWasmBackendInBrowser';

/**
 * Fetches and instantiates the WASM build this engine runs. Throws an Error that names the
 * URL tried and how to set the path when the file cannot be fetched or is not a pixelgan module.
 */
export async function loadWasmBackendInBrowser(options: BrowserWasmOptions = {}): Promise<WasmBackend> {
  const simd = options.simd ?? 'auto';
  const supported = wasmSimdSupported();
  if (simd === true && !supported) {
    throw new Error('wasm backend unavailable: this browser does not support WebAssembly SIMD; use simd: false or \'auto\'');
  }
  const useSimd = simd === true || (simd === 'auto' && supported);
  const url = wasmFileUrl(options, useSimd);
  // A file named by wasmUrl is a build of unknown kind unless the caller forced `simd`.
  const buildKnown = options.wasmUrl === undefined || typeof simd === 'boolean';
  let build: 'simd' | 'scalar' | 'custom' = 'custom';
  if (buildKnown) build = useSimd ? 'simd' : 'scalar';

  const bytes = await fetchWasm(url, options.fetch ?? globalThis.fetch);
  try {
    return await createWasmBackend(bytes, { build, file: url.href });
  } catch (error) {
    throw new Error(`${(error as Error).message} (module fetched from ${url.href}). ${PATH_HINT}`, { cause: error });
  }
}

/** Returns the URL of the build to fetch, from the options or next to this module. */
export function wasmFileUrl(options: BrowserWasmOptions, simd: boolean): URL {
  const file = simd ? WASM_FILES.simd : WASM_FILES.scalar;
  if (options.wasmUrl !== undefined) return new URL(options.wasmUrl, pageUrl());
  if (options.wasmBaseUrl !== undefined) return new URL(file, folderUrl(new URL(options.wasmBaseUrl, pageUrl())));
  // Literal file names, the form in which bundlers such as Vite detect and copy an asset.
  return simd ? new URL('./pixelgan-simd.wasm', import.meta.url) : new URL('./pixelgan-scalar.wasm', import.meta.url);
}

/** Returns the URL that relative option values resolve against: the page, or this module outside a page. */
function pageUrl(): string {
  return typeof location === 'undefined' ? import.meta.url : location.href;
}

/** Adds the trailing slash that makes `new URL(file, base)` resolve inside the folder, not beside it. */
function folderUrl(url: URL): URL {
  return url.pathname.endsWith('/') ? url : new URL(`${url.href}/`);
}

async function fetchWasm(url: URL, fetchFunction: typeof fetch): Promise<Uint8Array<ArrayBuffer>> {
  let response: Response;
  try {
    response = await fetchFunction(url);
  } catch (error) {
    throw new Error(`wasm backend unavailable: fetching ${url.href} failed (${(error as Error).message}). ${PATH_HINT}`, { cause: error });
  }
  if (!response.ok) {
    throw new Error(`wasm backend unavailable: ${url.href} returned HTTP ${response.status} ${response.statusText}. ${PATH_HINT}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!WASM_MAGIC.every((value, i) => bytes[i] === value)) {
    const start = new TextDecoder().decode(bytes.subarray(0, 16)).replace(/\s+/g, ' ');
    throw new Error(
      `wasm backend unavailable: ${url.href} is not a WebAssembly file (it starts with ${JSON.stringify(start)}; ` +
        `a server that returns a page for missing files does this). ${PATH_HINT}`,
    );
  }
  return bytes;
}

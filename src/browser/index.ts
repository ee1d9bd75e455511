// The browser entry point of the pixelgan library (the `browser` export condition): the
// browser-safe API of src/core.ts, the WASM loader that fetches the .wasm files, backend
// selection (wasm, then ts) and image decoding with the browser's own decoders. Nothing here
// imports a Node module, which test/browser checks by bundling it for the browser platform.

export * from '../core.js';
export { BROWSER_BACKEND_NAMES, browserBackendLoaders, createBrowserBackend } from './backends.js';
export { loadWasmBackendInBrowser, wasmFileUrl } from './wasm-loader.js';
export type { BrowserWasmOptions } from './wasm-loader.js';
export { WASM_FILES, wasmSimdSupported } from '../backend/wasm/index.js';
export type { RustBackendInfo, WasmBackend } from '../backend/wasm/index.js';
export { comparePaths, decodeImageBlob, loadImageFiles } from './image-files.js';
export type { ImageFileOptions, NamedBlob } from './image-files.js';
export { DatasetError } from '../data/errors.js';
export type { ImageSet, SkippedFile } from '../data/image-set.js';
export { prepareRgbaImage, SIGNED_RANGE } from '../data/pixels/index.js';
export type { RgbaImage as DecodedImage } from '../data/pixels/rgba-image.js';

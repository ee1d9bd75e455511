// Builds the demo page into dist/demo. The page and worker bundles come from esbuild for the
// browser platform, so any Node import fails the build. Next to them go index.html,
// styles.css, the WASM builds from build/wasm and the bundled emoji packed into one file.

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_OUT_DIR = join(root, 'dist', 'demo');

const STATIC_FILES = ['index.html', 'styles.css'];
const WASM_FILES = ['pixelgan-simd.wasm', 'pixelgan-scalar.wasm'];
const EMOJI_DIR = join(root, 'data', 'emoji');
/** Pack layout, read by demo/worker/bundled-pack.ts: magic, uint32 LE header length, JSON header, file bytes. */
const PACK_MAGIC = 'PGPACK1\n';
const PACK_FILE = 'emoji.pack';

/**
 * Builds the demo and returns what it contains. Missing WASM builds are reported in
 * `warnings`, and the page then runs the TypeScript backend. A compile error throws.
 */
export async function buildDemo({ outDir = DEFAULT_OUT_DIR, minify = false } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: { main: join(root, 'demo/page/main.ts'), worker: join(root, 'demo/worker/worker.ts') },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    minify,
    metafile: true,
    logLevel: 'silent',
  });
  const nodeInputs = Object.keys(result.metafile.inputs).filter((input) => input.startsWith('node:'));
  if (nodeInputs.length > 0) throw new Error(`the demo bundle imports Node modules: ${nodeInputs.join(', ')}`);

  for (const file of STATIC_FILES) copyFileSync(join(root, 'demo', file), join(outDir, file));
  const warnings = [];
  const wasm = [];
  for (const file of WASM_FILES) {
    const source = join(root, 'build', 'wasm', file);
    if (existsSync(source)) {
      copyFileSync(source, join(outDir, file));
      wasm.push(file);
    } else {
      warnings.push(`${source} not found, so the page can use only the TypeScript backend; run npm run build:rust first`);
    }
  }
  const images = writeEmojiPack(join(outDir, PACK_FILE));
  return { outDir, wasm, images, warnings };
}

/** Orders strings by UTF-16 code units, as the Node folder loader does (no locale rules). */
function compareCodeUnits(a, b) {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Packs data/emoji/*.png into one file, in file name order, and returns the image count. */
function writeEmojiPack(target) {
  if (!existsSync(EMOJI_DIR)) throw new Error(`the bundled dataset folder ${EMOJI_DIR} is missing; restore data/emoji from the repository`);
  const names = readdirSync(EMOJI_DIR)
    .filter((name) => name.toLowerCase().endsWith('.png') && !name.startsWith('.'))
    .sort(compareCodeUnits);
  const contents = names.map((name) => readFileSync(join(EMOJI_DIR, name)));
  const header = Buffer.from(JSON.stringify({ files: names.map((name, i) => ({ name, length: contents[i].length })) }));
  const headerLength = Buffer.alloc(4);
  headerLength.writeUInt32LE(header.length);
  writeFileSync(target, Buffer.concat([Buffer.from(PACK_MAGIC), headerLength, header, ...contents]));
  return names.length;
}

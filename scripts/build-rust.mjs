#!/usr/bin/env node
// Builds pixelgan's Rust code: the Node-API addon into build/native (with `napi build`) and
// the WASM module twice into build/wasm (SIMD and scalar). Run by `npm run build:rust`, which
// `npm install` runs through `prepare`.
//
// A missing toolchain is not an error: the script prints one line saying which toolchain is
// missing and how to get it, builds what it can, and exits 0, because pixelgan falls back to
// its other backends. A compile error exits 1.

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const crates = join(root, 'crates');
const lockFile = join(crates, 'Cargo.lock');
const WASM_TARGET = 'wasm32-unknown-unknown';
/** Lock file format that Debian's cargo 1.65 reads; newer cargo keeps an existing version 3 file. */
const LOCK_VERSION = 'version = 3';

const WASM_BUILDS = [
  { name: 'simd', rustflags: '-C target-feature=+simd128', output: 'pixelgan-simd.wasm' },
  { name: 'scalar', rustflags: '', output: 'pixelgan-scalar.wasm' },
];

/** Returns the first line `command --version` prints, or null when it cannot run. */
function version(command) {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().split('\n')[0] : null;
}

/** Returns whether `rustc` has the standard library for the WASM target installed. */
function hasWasmTarget(rustc) {
  const result = spawnSync(rustc, ['--print', 'sysroot'], { encoding: 'utf8' });
  if (result.status !== 0) return false;
  return existsSync(join(result.stdout.trim(), 'lib', 'rustlib', WASM_TARGET, 'lib'));
}

/** Picks a rustc and cargo pair for the WASM builds: the ones on PATH, else Debian's. */
function findWasmToolchain() {
  const candidates = [
    { rustc: 'rustc', cargo: 'cargo' },
    { rustc: '/usr/bin/rustc', cargo: '/usr/bin/cargo' },
  ];
  return candidates.find((pair) => version(pair.cargo) !== null && version(pair.rustc) !== null && hasWasmTarget(pair.rustc)) ?? null;
}

/** Returns the path of the napi CLI script, or null when @napi-rs/cli is not installed. */
function findNapiCli() {
  try {
    const manifestPath = createRequire(import.meta.url).resolve('@napi-rs/cli/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    return join(dirname(manifestPath), manifest.bin.napi);
  } catch {
    return null;
  }
}

/** Runs a command with its output captured; resolves to { ok, output, seconds }. */
function run(command, args, env) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ ok: false, output: `${output}${error.message}\n`, seconds: 0 }));
    child.on('close', (code) => resolve({ ok: code === 0, output, seconds: (performance.now() - started) / 1000 }));
  });
}

function describeFile(path, seconds) {
  const kib = Math.round(statSync(path).size / 1024);
  return `built ${relative(root, path)} (${kib} KiB) in ${seconds.toFixed(1)} s`;
}

/**
 * Returns a target folder for builds with `rustc`, named by its version. Cargo can take
 * artifacts of another toolchain in a shared folder as up to date, e.g. an addon built by
 * Debian's rustc 1.63 without the AVX-512 kernel, after a switch to a newer rustup rustc.
 */
function targetDirFor(rustc, purpose) {
  const release = (version(rustc) ?? 'rustc unknown').split(' ')[1] ?? 'unknown';
  return join(crates, 'target', `${purpose}-rustc-${release.replace(/[^\w.-]/g, '_')}`);
}

async function buildNative(napiCli) {
  const outputDir = join(root, 'build', 'native');
  const args = [
    napiCli, 'build', '--release', '--platform', '--no-js',
    '--manifest-path', join(crates, 'node', 'Cargo.toml'),
    '--config-path', join(crates, 'node', 'napi.json'),
    '--target-dir', targetDirFor('rustc', 'native'),
    '--output-dir', outputDir,
  ];
  const result = await run(process.execPath, args, {});
  if (!result.ok) return { ok: false, report: `native addon build failed:\n${result.output}` };
  const built = readdirSync(outputDir)
    .filter((name) => name.startsWith('pixelgan.') && name.endsWith('.node'))
    .map((name) => join(outputDir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (built.length === 0) return { ok: false, report: `napi build succeeded but wrote no .node file to ${outputDir}:\n${result.output}` };
  return { ok: true, report: describeFile(built[0], result.seconds) };
}

async function buildWasm(toolchain, build) {
  const targetDir = targetDirFor(toolchain.rustc, `wasm-${build.name}`);
  const args = ['build', '--release', '--target', WASM_TARGET, '-p', 'pixelgan-wasm'];
  args.push('--manifest-path', join(crates, 'Cargo.toml'), '--target-dir', targetDir);
  const env = { RUSTC: toolchain.rustc, RUSTFLAGS: build.rustflags, CARGO_PROFILE_RELEASE_STRIP: 'true' };
  const result = await run(toolchain.cargo, args, env);
  if (!result.ok) return { ok: false, report: `WASM ${build.name} build failed:\n${result.output}` };
  const output = join(root, 'build', 'wasm', build.output);
  mkdirSync(dirname(output), { recursive: true });
  copyFileSync(join(targetDir, WASM_TARGET, 'release', 'pixelgan_wasm.wasm'), output);
  // The browser entry fetches the .wasm next to itself by default, so put a copy there too.
  const browserCopy = join(root, 'dist', 'src', 'browser', build.output);
  mkdirSync(dirname(browserCopy), { recursive: true });
  copyFileSync(output, browserCopy);
  return { ok: true, report: describeFile(output, result.seconds) };
}

/**
 * Makes sure crates/Cargo.lock exists before builds run in parallel, written by the oldest
 * cargo in use so that it stays at version 3, and rejects a newer format that Debian's cargo
 * cannot read.
 */
async function prepareLockFile(wasmToolchain, nativeCargo) {
  if (!existsSync(lockFile)) {
    const cargo = wasmToolchain?.cargo ?? nativeCargo;
    const result = await run(cargo, ['generate-lockfile', '--manifest-path', join(crates, 'Cargo.toml')], {});
    if (!result.ok) return `cannot create ${relative(root, lockFile)}:\n${result.output}`;
  }
  const text = readFileSync(lockFile, 'utf8');
  if (wasmToolchain !== null && !text.includes(`\n${LOCK_VERSION}\n`)) {
    return `${relative(root, lockFile)} is not in format ${LOCK_VERSION}, which the WASM toolchain's cargo needs; delete it and rerun`;
  }
  return null;
}

async function main() {
  const nativeCargo = version('cargo') !== null && version('rustc') !== null ? 'cargo' : null;
  const napiCli = findNapiCli();
  const wasmToolchain = findWasmToolchain();
  const jobs = [];

  if (nativeCargo === null) {
    console.log('skipped the native addon: no Rust toolchain on PATH; install it from https://rustup.rs and rerun `npm run build:rust`');
  } else if (napiCli === null) {
    console.log('skipped the native addon: @napi-rs/cli is not installed; run `npm install` in the pixelgan folder');
  }
  if (wasmToolchain === null) {
    console.log(
      `skipped the WASM builds: no rustc with the ${WASM_TARGET} target; run ` +
        '`apt-get install rustc cargo libstd-rust-dev-wasm32` or `rustup target add wasm32-unknown-unknown`',
    );
  }

  const lockProblem = nativeCargo !== null || wasmToolchain !== null ? await prepareLockFile(wasmToolchain, nativeCargo) : null;
  if (lockProblem !== null) {
    console.error(lockProblem);
    return 1;
  }
  // One build at a time: on the 2-core machine a clean build took 37 s this way and 40-44 s
  // with the three builds running at once.
  if (nativeCargo !== null && napiCli !== null) jobs.push(() => buildNative(napiCli));
  if (wasmToolchain !== null) for (const build of WASM_BUILDS) jobs.push(() => buildWasm(wasmToolchain, build));

  const results = [];
  for (const job of jobs) results.push(await job());
  for (const result of results) (result.ok ? console.log : console.error)(result.report);
  return results.every((result) => result.ok) ? 0 : 1;
}

process.exitCode = await main();

// A description of the machine a benchmark ran on, for the results file and the docs page.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  /** CPU family and model numbers, which tell generations apart when the model name does not. */
  cpuFamilyModel: string;
  /** The CPU flags that select pixelgan's kernels, among those the CPU reports. */
  simdFlags: string[];
  logicalCpus: number;
  memoryBytes: number;
  os: string;
  kernel: string;
  node: string;
  /** `rustc --version` of each Rust compiler found, keyed by the command that was run. */
  rustc: Record<string, string>;
  /** 1, 5 and 15 minute load averages when the benchmark started. */
  loadAverageAtStart: number[];
}

/** CPU flags that decide which kernels run: the native SIMD levels and their prerequisites. */
const RELEVANT_FLAGS = ['avx512f', 'avx512bw', 'avx512vl', 'avx2', 'fma', 'avx', 'sse4_2'];
/** Rust compilers the build script may use: the one on PATH, and Debian's with the WASM target. */
const RUSTC_COMMANDS = ['rustc', '/usr/bin/rustc'];

/** Returns the first value of a "key : value" line of /proc/cpuinfo, or null when absent. */
function cpuinfoField(text: string, key: string): string | null {
  const line = text.split('\n').find((l) => l.startsWith(key));
  return line === undefined ? null : line.slice(line.indexOf(':') + 1).trim();
}

function readText(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function osName(): string {
  const release = readText('/etc/os-release');
  const pretty = release.split('\n').find((line) => line.startsWith('PRETTY_NAME='));
  return pretty === undefined ? `${os.type()} ${os.release()}` : pretty.slice('PRETTY_NAME='.length).replace(/^"|"$/g, '');
}

function rustcVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const command of RUSTC_COMMANDS) {
    const run = spawnSync(command, ['--version'], { encoding: 'utf8' });
    if (run.status === 0) versions[command] = run.stdout.trim();
  }
  return versions;
}

/** Collects a description of this machine. Fields that cannot be read get generic values. */
export function describeMachine(): MachineInfo {
  const cpuinfo = readText('/proc/cpuinfo');
  const flags = new Set((cpuinfoField(cpuinfo, 'flags') ?? '').split(/\s+/));
  return {
    cpuModel: cpuinfoField(cpuinfo, 'model name') ?? os.cpus()[0]?.model ?? 'unknown',
    cpuFamilyModel: `family ${cpuinfoField(cpuinfo, 'cpu family') ?? '?'}, model ${cpuinfoField(cpuinfo, 'model\t') ?? '?'}`,
    simdFlags: RELEVANT_FLAGS.filter((flag) => flags.has(flag)),
    logicalCpus: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    os: osName(),
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    rustc: rustcVersions(),
    loadAverageAtStart: os.loadavg(),
  };
}

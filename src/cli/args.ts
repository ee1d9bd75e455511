// Parsing and validation of command-line option values. Every error is a UsageError whose
// message names the option, the value and what is expected.

import { parseArgs } from 'node:util';

/** A command-line mistake; the CLI prints its message and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/**
 * Joins "--name -1" into "--name=-1" for options that take a value, because node's parseArgs
 * reads a value that starts with "-" as another option.
 */
function joinNegativeValues(argv: string[], spec: OptionSpec): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : undefined;
    const next = argv[i + 1];
    if (name !== undefined && spec[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${argv[i]}=${next}`);
      i += 1;
    } else {
      joined.push(argv[i]);
    }
  }
  return joined;
}

/** Parses argv against `spec`; unknown options and stray arguments are usage errors. */
export function parseOptions(argv: string[], spec: OptionSpec, command: string): Record<string, string | boolean | undefined> {
  try {
    const { values } = parseArgs({ args: joinNegativeValues(argv, spec), options: spec, strict: true, allowPositionals: false });
    return values as Record<string, string | boolean | undefined>;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0].replace(/\.+$/, '');
    throw new UsageError(`${message}. Run "pixelgan ${command} --help" for the options.`);
  }
}

/** Parses an integer option in [min, max]; returns `fallback` when the option is absent. */
export function integerOption(values: Record<string, unknown>, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const text = String(raw).trim();
  const value = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    const hint = /^\d+$/.test(text) ? ` (the largest accepted is ${max})` : '';
    throw new UsageError(`--${name} must be ${range}, got "${text}"${hint}`);
  }
  return value;
}

/** Parses a number option in (0, max]; returns `fallback` when absent. */
export function positiveNumberOption(values: Record<string, unknown>, name: string, fallback: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(String(raw).trim());
  if (String(raw).trim() === '' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new UsageError(`--${name} must be a number greater than 0 and at most ${max}, got "${String(raw)}"`);
  }
  return value;
}

/** Parses a --backend value: a backend name or "auto". Returns undefined when absent. */
export function backendOption(values: Record<string, unknown>, known: readonly string[]): string | undefined {
  const raw = values.backend;
  if (raw === undefined) return undefined;
  if (raw !== 'auto' && !known.includes(String(raw))) {
    throw new UsageError(`--backend must be one of auto, ${known.join(', ')}; got "${String(raw)}"`);
  }
  return String(raw);
}

/** Parses a comma-separated list of layer widths, or "none" for no hidden layer. */
export function widthsOption(values: Record<string, unknown>, name: string): number[] | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  if (text === 'none') return [];
  const widths = text.split(',').map((part) => Number(part.trim()));
  if (text === '' || widths.some((w) => !Number.isSafeInteger(w) || w < 1 || w > MAX_LAYER_WIDTH)) {
    throw new UsageError(`--${name} must be comma-separated layer widths from 1 to ${MAX_LAYER_WIDTH} (e.g. 768 or 1024,1024) or "none", got "${text}"`);
  }
  return widths;
}

/** Parses an option that takes one of `choices`; returns `fallback` when absent. */
export function choiceOption<T extends string>(values: Record<string, unknown>, name: string, choices: readonly T[], fallback: T): T {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (!(choices as readonly string[]).includes(String(raw))) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${String(raw)}"`);
  }
  return raw as T;
}

/** Widest layer the CLI accepts: a 16,384 x 16,384 weight matrix is 1 GiB of float32. */
export const MAX_LAYER_WIDTH = 16384;

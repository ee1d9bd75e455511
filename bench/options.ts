// Command-line options of `npm run bench` (node dist/bench/run.js).

export interface BenchOptions {
  /** Fewer and shorter samples: a rough result in about a third of the time. */
  quick: boolean;
  /** Words from `--only`. An empty list runs everything. */
  only: string[];
  /** Folder for latest.json, latest.svg, latest.md and benny's per-suite files. */
  outputDir: string;
  help: boolean;
}

export const DEFAULT_OUTPUT_DIR = 'bench/results';

export const HELP_TEXT = `Usage: npm run bench -- [options]

Times matrix multiplies, dense layers and GAN training steps on every backend that loads
(native at each SIMD level and thread count, both WASM builds, pure TypeScript), compares
them with PyTorch on the CPU when python3 can import torch, and measures the resident
memory that seed-768 training adds.

Options:
  --quick        fewer and shorter samples (about a third of the time, wider error margins)
  --only WORDS   run only what matches the comma-separated words; repeatable. Words are
                 backends (ts, ts-naive, wasm, wasm-simd, wasm-scalar, native, native-avx512,
                 native-avx512-t2, pytorch) and cases (matmul, dense, train, matmul-768,
                 matmul-3072, dense-768, dense-3072, seed-768, seed-3072, memory).
                 Backend words and case words combine: --only native,matmul
  --out DIR      folder for the results (default ${DEFAULT_OUTPUT_DIR})
  --help         print this text

Environment:
  PIXELGAN_BENCH_PYTHON  python interpreter for the PyTorch comparison (default python3)
  PIXELGAN_BENCH_CIFAR   CIFAR-10 binary folder for seed-3072 (default
                         ../shared/data/cifar-10-batches-bin next to the package, else the
                         bundled emoji at 32x32)
`;

/** Parses the arguments after the script name. Throws a RangeError naming an invalid one. */
export function parseBenchArgs(args: readonly string[]): BenchOptions {
  const options: BenchOptions = { quick: false, only: [], outputDir: DEFAULT_OUTPUT_DIR, help: false };
  for (let i = 0; i < args.length; i++) {
    const [name, inlineValue] = splitOption(args[i]);
    const takeValue = (): string => {
      const value = inlineValue ?? args[++i];
      if (value === undefined || value.trim() === '') throw new RangeError(`${name} needs a value; see --help`);
      return value;
    };
    if (name === '--quick' && inlineValue === undefined) options.quick = true;
    else if ((name === '--help' || name === '-h') && inlineValue === undefined) options.help = true;
    else if (name === '--only') options.only.push(...splitWords(takeValue()));
    else if (name === '--out') options.outputDir = takeValue();
    else throw new RangeError(`unknown option "${args[i]}"; run with --help for the options`);
  }
  return options;
}

/** Splits "--name=value" into its name and value. Other arguments have no inline value. */
function splitOption(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  if (!arg.startsWith('--') || equals < 0) return [arg, undefined];
  return [arg.slice(0, equals), arg.slice(equals + 1)];
}

function splitWords(value: string): string[] {
  return value
    .split(',')
    .map((word) => word.trim().toLowerCase())
    .filter((word) => word !== '');
}

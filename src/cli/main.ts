#!/usr/bin/env node
// Entry point of the `pixelgan` command.

import { readFileSync } from 'node:fs';
import { UsageError } from './args.js';
import { doctorCommand } from './doctor-command.js';
import { sampleCommand } from './sample-command.js';
import { trainCommand } from './train-command.js';

const HELP = `Usage: pixelgan <command> [options]

Trains generative adversarial networks on small images.

Commands
  train    train a GAN on images and write sample grids, a loss chart and checkpoints
  sample   generate a grid of images from a checkpoint
  doctor   show which compute backends load here and which one is used

Run "pixelgan <command> --help" for a command's options, "pixelgan --version" for the version.
Set PIXELGAN_DEBUG=1 to print stack traces of errors.
`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  train: trainCommand,
  sample: sampleCommand,
  doctor: doctorCommand,
};

/** Reads the version from package.json, two folders above dist/src/cli. */
function readPackageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

/** Exit status of a command-line mistake. */
const EXIT_USAGE = 2;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined ? EXIT_USAGE : 0;
  }
  if (command === '--version' || command === '-v') {
    console.log(readPackageVersion());
    return 0;
  }
  const run = COMMANDS[command];
  if (run === undefined) throw new UsageError(`unknown command "${command}"; the commands are ${Object.keys(COMMANDS).join(', ')}`);
  return run(rest);
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`pixelgan: error: ${message}`);
    if (process.env.PIXELGAN_DEBUG === '1' && error instanceof Error) console.error(error.stack);
    process.exitCode = error instanceof UsageError ? EXIT_USAGE : 1;
  },
);

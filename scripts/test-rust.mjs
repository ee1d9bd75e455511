// Runs the Rust crates' own tests (kernels and argument checks) with the rustup cargo, or
// prints one line and exits 0 when no cargo is installed, as the build does.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const crates = join(dirname(fileURLToPath(import.meta.url)), '..', 'crates');
const probe = spawnSync('cargo', ['--version'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.log('skipped the Rust tests: cargo not found (install Rust with rustup or `apt-get install cargo`)');
  process.exit(0);
}
const args = ['test', '--tests', '--release', '--offline', '-p', 'pixelgan-kernels', '-p', 'pixelgan-binding', '--target-dir', join(crates, 'target', 'test')];
const result = spawnSync('cargo', args, { cwd: crates, stdio: 'inherit' });
process.exit(result.status ?? 1);

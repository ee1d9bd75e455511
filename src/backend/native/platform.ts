// The platform name that `napi build --platform` puts in the addon's file name, e.g.
// pixelgan.linux-x64-gnu.node. It follows the Rust target triple: Linux adds the C library
// (gnu or musl, gnueabihf on 32-bit ARM), Windows adds msvc.

/** Returns e.g. "linux-x64-gnu", "darwin-arm64" or "win32-x64-msvc" for this process. */
export function napiPlatformName(): string {
  const { platform, arch } = process;
  if (platform === 'linux') {
    const libc = isMusl() ? 'musl' : 'gnu';
    return `linux-${arch}-${arch === 'arm' ? `${libc}eabihf` : libc}`;
  }
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

/** Returns whether this Linux process runs on musl: Node reports no glibc version there. */
function isMusl(): boolean {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return report?.header?.glibcVersionRuntime === undefined;
}

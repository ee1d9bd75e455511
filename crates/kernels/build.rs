// Emits `cfg(pixelgan_avx512)` when the compiler is Rust 1.89 or newer, the first release in which
// the AVX-512 intrinsics and `#[target_feature(enable = "avx512f")]` are stable. Older compilers
// (the Debian rustc 1.63 that builds the WASM module) then skip the AVX-512 kernel and use AVX2.

use std::env;
use std::process::Command;

/// First stable Rust release (1.89) with AVX-512 intrinsics, as (major, minor).
const AVX512_STABLE_SINCE: (u32, u32) = (1, 89);

/// First Rust release (1.80) whose cargo understands `rustc-check-cfg`.
const CHECK_CFG_SINCE: (u32, u32) = (1, 80);

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RUSTC");
    let version = rustc_version();
    if version >= CHECK_CFG_SINCE {
        println!("cargo:rustc-check-cfg=cfg(pixelgan_avx512)");
    }
    if version >= AVX512_STABLE_SINCE {
        println!("cargo:rustc-cfg=pixelgan_avx512");
    }
}

/// Returns the (major, minor) version of the compiler cargo uses, or (0, 0) when
/// `rustc --version` fails or prints something unexpected, which turns the AVX-512 kernel off.
fn rustc_version() -> (u32, u32) {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| String::from("rustc"));
    let output = match Command::new(rustc).arg("--version").output() {
        Ok(output) => output,
        Err(_) => return (0, 0),
    };
    // Prints e.g. "rustc 1.63.0" or "rustc 1.95.0 (f2d3ce0bd 2026-03-21)".
    let text = String::from_utf8_lossy(&output.stdout);
    let version = text.split_whitespace().nth(1).unwrap_or("");
    let mut parts = version.split('.').map(|part| part.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), Some(minor)) => (major, minor),
        _ => (0, 0),
    }
}

// On macOS the linker rejects the addon's undefined Node-API symbols unless a linker flag
// states that the node executable provides them when the addon is loaded. Linux allows undefined symbols
// in shared libraries by default.
// NOTE: Windows needs an import library for node.exe, which this build does not provide.

use std::env;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("macos") {
        println!("cargo:rustc-cdylib-link-arg=-undefined");
        println!("cargo:rustc-cdylib-link-arg=dynamic_lookup");
    }
}

//! Checked entry points shared by pixelgan's two JavaScript bindings, the Node-API addon and
//! the WASM module.
//!
//! A binding turns its JavaScript arguments into [`Region`]s and plain `f64` numbers. Before
//! they call the kernels, the functions in [`ops`] check sizes, finiteness, lengths against
//! the shape, and aliasing between outputs and inputs. So both bindings reject the same
//! inputs with the same messages. Every failure is a [`BindingError`] whose message names the
//! argument, the expected value and the actual one.

pub mod activation;
pub mod error;
pub mod levels;
pub mod number;
pub mod ops;
pub mod region;

pub use error::{BindingError, ErrorKind};
pub use region::{borrow_regions, Borrowed, Region};

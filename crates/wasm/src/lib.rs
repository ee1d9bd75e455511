//! pixelgan's WebAssembly module: the kernels of `pixelgan-kernels`, on tensors that live in
//! the module's linear memory. Built for wasm32-unknown-unknown without wasm-bindgen.
//!
//! JavaScript refers to a tensor by (handle, offset, length): `handle` comes from `pg_alloc`,
//! and the module checks all three against its allocation table before it touches memory, so
//! no argument can make it read or write outside a live allocation. Every export returns a
//! status: 0 ok, 1 TypeError, 2 RangeError, 3 Error. After a failure, `pg_message_ptr` and
//! `pg_message_len` locate a UTF-8 message naming the argument. After success, `pg_result`
//! returns the call's number, if any: a handle, a loss or an address.
//! Numbers arrive as `f64`, which represents every JavaScript number exactly, so the module receives
//! NaN, -1 or 2^40 as the caller wrote them.

mod exports_engine;
mod exports_memory;
#[rustfmt::skip]
mod exports_ops;
mod state;
mod table;

//! Exports that manage tensors and return results: allocation, freeing, addresses for
//! copying, and the last message and result.

use crate::state::{inspect, run};

/// Version of the exports' signatures. The TypeScript loader refuses a module whose version
/// differs, which catches a stale build.
const API_VERSION: i32 = 1;

#[no_mangle]
pub extern "C" fn pg_api_version() -> i32 {
    API_VERSION
}

/// Allocates a zero-filled tensor of `length` elements; `pg_result` is its handle.
#[no_mangle]
pub extern "C" fn pg_alloc(length: f64) -> i32 {
    run("alloc", |state| state.table.alloc(length).map(f64::from))
}

/// Frees the tensor `handle`. Later calls that name it fail with a RangeError.
#[no_mangle]
pub extern "C" fn pg_free(handle: f64) -> i32 {
    run("free", |state| state.table.free(handle).map(|()| 0.0))
}

/// Checks elements [offset, offset + length) of tensor `handle` and sets `pg_result` to their
/// byte address in linear memory. The address stays valid until the tensor is freed. Memory
/// growth replaces `memory.buffer`, so JavaScript makes a new view after every call.
#[no_mangle]
pub extern "C" fn pg_data_address(handle: f64, offset: f64, length: f64) -> i32 {
    run("data address", |state| state.table.address(handle, offset, length).map(|address| address as f64))
}

/// Number of live tensors, for leak checks in tests.
#[no_mangle]
pub extern "C" fn pg_live_tensors() -> f64 {
    inspect(|state| state.table.live_count() as f64, 0.0)
}

/// Number produced by the last successful call.
#[no_mangle]
pub extern "C" fn pg_result() -> f64 {
    inspect(|state| state.result, 0.0)
}

/// Byte address of the last message (UTF-8), valid until the next call.
#[no_mangle]
pub extern "C" fn pg_message_ptr() -> usize {
    inspect(|state| state.message.as_ptr() as usize, 0)
}

/// Length in bytes of the last message.
#[no_mangle]
pub extern "C" fn pg_message_len() -> usize {
    inspect(|state| state.message.len(), 0)
}

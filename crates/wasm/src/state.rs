//! The module's state (kernel engine, allocation table, last message and result) and the
//! wrapper that turns a call's outcome into a status code.

use std::cell::RefCell;

use pixelgan_binding::{BindingError, ErrorKind};
use pixelgan_kernels::Engine;

use crate::table::TensorTable;

/// Status codes returned by every export.
pub const STATUS_OK: i32 = 0;
pub const STATUS_TYPE_ERROR: i32 = 1;
pub const STATUS_RANGE_ERROR: i32 = 2;
pub const STATUS_ERROR: i32 = 3;

pub struct State {
    pub engine: Engine,
    pub table: TensorTable,
    /// Message of the last failed call, or the text output of `pg_info`.
    pub message: String,
    /// Number produced by the last successful call, or 0.
    pub result: f64,
}

thread_local! {
    // One per module instance: wasm32-unknown-unknown without the atomics feature has a
    // single thread, so this is a plain global of the instance.
    static STATE: RefCell<State> = RefCell::new(State {
        engine: Engine::new(),
        table: TensorTable::new(),
        message: String::new(),
        result: 0.0,
    });
}

/// Runs `body` on the module state and returns its status. On success `body`'s number
/// becomes `pg_result`; on failure the message, prefixed with `function`, becomes the text
/// at `pg_message_ptr`.
pub fn run(function: &str, body: impl FnOnce(&mut State) -> Result<f64, BindingError>) -> i32 {
    STATE.with(|cell| {
        let mut state = match cell.try_borrow_mut() {
            Ok(state) => state,
            // Exports never call each other and JavaScript cannot run during one, so the state
            // is borrowed here only after a trap, which never released its borrow.
            // NOTE: every call after a trap therefore fails, with the message of an earlier
            // call. The TypeScript backend stops using an instance once it has trapped.
            Err(_) => return STATUS_ERROR,
        };
        match body(&mut state) {
            Ok(result) => {
                state.result = result;
                STATUS_OK
            }
            Err(error) => {
                let status = status_of(error.kind);
                state.result = 0.0;
                state.message = error.in_function(function).message;
                status
            }
        }
    })
}

fn status_of(kind: ErrorKind) -> i32 {
    match kind {
        ErrorKind::Type => STATUS_TYPE_ERROR,
        ErrorKind::Range => STATUS_RANGE_ERROR,
        ErrorKind::Failure => STATUS_ERROR,
    }
}

/// Reads something from the state without changing it.
pub fn inspect<T>(read: impl FnOnce(&State) -> T, fallback: T) -> T {
    STATE.with(|cell| match cell.try_borrow() {
        Ok(state) => read(&state),
        Err(_) => fallback,
    })
}

//! pixelgan's Node-API addon: the kernels of `pixelgan-kernels`, called on Float32Arrays
//! without copying them.
//!
//! The napi-rs crates are not available to this build, so `sys` declares the few Node-API
//! functions used. Each module instance (the main thread and each worker) owns one kernel
//! engine, stored as Node-API instance data. Every exported function checks its arguments:
//! count, types, detached buffers, lengths against the shape and aliasing. A bad argument
//! throws a TypeError or RangeError naming it, and a panic becomes a JavaScript Error.

mod call;
mod dispatch;
mod entries;
mod env;
mod instance;
mod sys;

use std::ffi::CString;
use std::os::raw::c_void;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;

use pixelgan_binding::BindingError;

use crate::dispatch::{dispatch, Entry};
use crate::env::{Env, JsValue};
use crate::sys::{napi_create_function, napi_env, napi_value, NAPI_OK};

/// Version of the exported functions' signatures. The TypeScript loader refuses an addon
/// whose `apiVersion` differs, which catches a stale build.
const API_VERSION: f64 = 1.0;

/// Node-API version whose functions this addon uses: 8, for `napi_is_detached_arraybuffer`
/// (7) and instance data (6).
const NAPI_VERSION: i32 = 8;

/// Tells Node which Node-API version the addon was written for.
#[no_mangle]
pub extern "C" fn node_api_module_get_api_version_v1() -> i32 {
    NAPI_VERSION
}

/// Module initializer that Node looks up when it loads the addon.
///
/// # Safety
///
/// Only Node calls this, with the environment and exports object of the module it loads.
#[no_mangle]
pub unsafe extern "C" fn napi_register_module_v1(raw_env: napi_env, raw_exports: napi_value) -> napi_value {
    // SAFETY: Node passes the environment and exports object of the module being loaded.
    let (env, exports) = unsafe { (Env::from_raw(raw_env), JsValue::from_raw(raw_exports)) };
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| register(env, exports)));
    let error = match outcome {
        Ok(Ok(())) => return raw_exports,
        Ok(Err(error)) => error,
        Err(_) => BindingError::failure(String::from("pixelgan native addon panicked while loading")),
    };
    env.throw(&error);
    ptr::null_mut()
}

fn register(env: Env<'_>, exports: JsValue<'_>) -> Result<(), BindingError> {
    instance::install(env)?;
    for entry in entries::ENTRIES.iter() {
        let function = create_function(env, entry)?;
        env.set_property(exports, entry.name, function)?;
    }
    env.set_property(exports, "apiVersion", env.create_f64(API_VERSION)?)?;
    Ok(())
}

fn create_function<'call>(env: Env<'call>, entry: &'static Entry) -> Result<JsValue<'call>, BindingError> {
    let name = CString::new(entry.name).map_err(|_| BindingError::failure(format!("bad function name {:?}", entry.name)))?;
    let mut function: napi_value = ptr::null_mut();
    // SAFETY: `name` is NUL-terminated and outlives the call (Node-API copies it); `entry`
    // is a static that `dispatch` only reads; `function` is a valid out-pointer.
    let status = unsafe {
        napi_create_function(
            env.raw(),
            name.as_ptr(),
            entry.name.len(),
            Some(dispatch),
            entry as *const Entry as *mut c_void,
            &mut function,
        )
    };
    if status != NAPI_OK {
        return Err(BindingError::failure(format!("napi_create_function failed with status {}", status)));
    }
    // SAFETY: Node-API just stored a handle of the current scope in `function`.
    Ok(unsafe { JsValue::from_raw(function) })
}

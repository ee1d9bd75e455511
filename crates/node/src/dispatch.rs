//! The one C callback behind every exported function. It reads the arguments and runs the entry
//! point named by the callback's data pointer. It turns errors and panics into JavaScript
//! exceptions, so no call can unwind into Node or abort the process.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;

use pixelgan_binding::BindingError;

use crate::call::Call;
use crate::env::{Env, JsValue};
use crate::instance::{self, AddonState};
use crate::sys::{napi_callback_info, napi_env, napi_value};

/// An exported function: its JavaScript name and its body. The body returns `None` for
/// `undefined`.
pub struct Entry {
    pub name: &'static str,
    pub run: for<'call> fn(&Call<'call>, &AddonState) -> Result<Option<JsValue<'call>>, BindingError>,
}

/// The `napi_callback` of every exported function; its data pointer is a `&'static Entry`.
pub unsafe extern "C" fn dispatch(raw_env: napi_env, info: napi_callback_info) -> napi_value {
    // SAFETY: Node-API passes the environment of the current call.
    let env = unsafe { Env::from_raw(raw_env) };
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| run_entry(env, info)));
    let error = match outcome {
        Ok(Ok(Some(value))) => return value.raw,
        Ok(Ok(None)) => return ptr::null_mut(),
        Ok(Err(error)) => error,
        Err(payload) => BindingError::failure(format!(
            "internal error in the pixelgan native addon (Rust panic: {}); please report it",
            panic_message(payload.as_ref())
        )),
    };
    env.throw(&error);
    ptr::null_mut()
}

fn run_entry<'call>(env: Env<'call>, info: napi_callback_info) -> Result<Option<JsValue<'call>>, BindingError> {
    let (call, data) = Call::read(env, info)?;
    // SAFETY: `register` passes a `&'static Entry` as the data pointer of every function
    // it creates with `dispatch`, and nothing writes through it.
    let entry = match unsafe { (data as *const Entry).as_ref() } {
        Some(entry) => entry,
        None => return Err(BindingError::failure(String::from("function created without an entry"))),
    };
    let state = instance::current(env)?
        .ok_or_else(|| BindingError::failure(String::from("the addon's instance data is missing")))?;
    (entry.run)(&call, state).map_err(|error| error.in_function(entry.name))
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        return text;
    }
    if let Some(text) = payload.downcast_ref::<String>() {
        return text;
    }
    "no message"
}

//! Per-instance state of the addon: one kernel engine for each Node-API environment (the main
//! thread and each worker that loads the addon), stored as Node-API instance data.

use std::cell::{Ref, RefCell, RefMut};
use std::os::raw::c_void;
use std::ptr;

use pixelgan_binding::BindingError;
use pixelgan_kernels::Engine;

use crate::env::Env;
use crate::sys::{napi_env, napi_get_instance_data, napi_set_instance_data, NAPI_OK};

pub struct AddonState {
    engine: RefCell<Engine>,
}

impl AddonState {
    pub fn engine(&self) -> Result<Ref<'_, Engine>, BindingError> {
        self.engine.try_borrow().map_err(|_| busy_error())
    }

    pub fn engine_mut(&self) -> Result<RefMut<'_, Engine>, BindingError> {
        self.engine.try_borrow_mut().map_err(|_| busy_error())
    }
}

/// Returns the error for an engine that is already borrowed. The engine is borrowed only
/// while a call runs and no JavaScript runs during a call, so this means a re-entrant call.
fn busy_error() -> BindingError {
    BindingError::failure(String::from("the kernel engine is in use by another call"))
}

unsafe extern "C" fn finalize_state(_env: napi_env, data: *mut c_void, _hint: *mut c_void) {
    // SAFETY: `data` is the pointer that `install` made with `Box::into_raw`, and Node-API
    // calls this finalizer once, when the environment shuts down.
    drop(unsafe { Box::from_raw(data as *mut AddonState) });
}

/// Returns the state of this environment, creating it on first use. Loading the addon a
/// second time in the same environment reuses the existing engine.
pub fn install<'call>(env: Env<'call>) -> Result<&'call AddonState, BindingError> {
    if let Some(state) = current(env)? {
        return Ok(state);
    }
    let state = Box::into_raw(Box::new(AddonState { engine: RefCell::new(Engine::new()) }));
    // SAFETY: `state` is a live heap allocation. Node-API calls `finalize_state`, which frees
    // it, once when the environment shuts down.
    let status = unsafe { napi_set_instance_data(env.raw(), state as *mut c_void, Some(finalize_state), ptr::null_mut()) };
    if status != NAPI_OK {
        // SAFETY: Node-API did not take ownership, so `state` is still ours to free.
        drop(unsafe { Box::from_raw(state) });
        return Err(BindingError::failure(format!("napi_set_instance_data failed with status {}", status)));
    }
    // SAFETY: the allocation lives until the environment's finalizer runs, after every call.
    Ok(unsafe { &*state })
}

/// Returns the state of this environment, or `None` before `install`.
pub fn current<'call>(env: Env<'call>) -> Result<Option<&'call AddonState>, BindingError> {
    let mut data: *mut c_void = ptr::null_mut();
    // SAFETY: valid environment and out-pointer.
    let status = unsafe { napi_get_instance_data(env.raw(), &mut data) };
    if status != NAPI_OK {
        return Err(BindingError::failure(format!("napi_get_instance_data failed with status {}", status)));
    }
    // SAFETY: Node-API keeps instance data per addon and environment, and this addon only
    // ever stores an `AddonState` that lives until the environment shuts down.
    Ok(unsafe { (data as *const AddonState).as_ref() })
}

//! The arguments of one JavaScript call, with checks that name the argument and the expected
//! and actual JavaScript type.

use std::os::raw::c_void;
use std::ptr;

use pixelgan_binding::{BindingError, Region};

use crate::env::{Env, JsValue};
use crate::sys::*;

/// Most arguments any entry point takes.
const MAX_ARGS: usize = 16;

/// Maximum length of a string argument, in UTF-8 bytes. Every valid name is far shorter.
const MAX_NAME_BYTES: usize = 64;

pub struct Call<'call> {
    pub env: Env<'call>,
    args: [napi_value; MAX_ARGS],
    count: usize,
}

impl<'call> Call<'call> {
    /// Reads the arguments and the `data` pointer given to `napi_create_function`.
    pub fn read(env: Env<'call>, info: napi_callback_info) -> Result<(Call<'call>, *mut c_void), BindingError> {
        let mut args = [ptr::null_mut(); MAX_ARGS];
        let mut count = MAX_ARGS;
        let mut data: *mut c_void = ptr::null_mut();
        // SAFETY: `info` is the callback info of the current call, and `args` has room for
        // `count` handles. Node-API stores at most that many and writes the true count,
        // which may be larger, to `count`.
        let status = unsafe { napi_get_cb_info(env.raw(), info, &mut count, args.as_mut_ptr(), ptr::null_mut(), &mut data) };
        if status != NAPI_OK {
            return Err(BindingError::failure(format!("napi_get_cb_info failed with status {}", status)));
        }
        Ok((Call { env, args, count }, data))
    }

    /// Rejects the call unless it has exactly `expected` arguments.
    pub fn expect_count(&self, expected: usize) -> Result<(), BindingError> {
        if self.count != expected {
            return Err(BindingError::type_error(format!("expected {} arguments, got {}", expected, self.count)));
        }
        Ok(())
    }

    fn arg(&self, index: usize) -> JsValue<'call> {
        let raw = if index < self.count.min(MAX_ARGS) { self.args[index] } else { ptr::null_mut() };
        // SAFETY: `raw` is an argument handle of the current call, or null, which the
        // `Env` wrappers reject with a failed status.
        unsafe { JsValue::from_raw(raw) }
    }

    /// Names the JavaScript type of a value for messages, e.g. "Float64Array" or "string".
    fn describe(&self, value: JsValue<'call>) -> Result<String, BindingError> {
        let type_name = match self.env.type_of(value)? {
            NAPI_UNDEFINED => "undefined",
            NAPI_NULL => "null",
            NAPI_BOOLEAN => "boolean",
            NAPI_NUMBER => "number",
            NAPI_STRING => "string",
            NAPI_SYMBOL => "symbol",
            NAPI_FUNCTION => "function",
            NAPI_EXTERNAL => "external",
            NAPI_BIGINT => "bigint",
            NAPI_OBJECT => return self.describe_object(value),
            _ => "unknown type",
        };
        Ok(String::from(type_name))
    }

    fn describe_object(&self, value: JsValue<'call>) -> Result<String, BindingError> {
        if self.env.is_typedarray(value)? {
            let info = self.env.typedarray_info(value)?;
            let name = usize::try_from(info.array_type).ok().and_then(|index| TYPED_ARRAY_NAMES.get(index));
            return Ok(String::from(*name.unwrap_or(&"typed array")));
        }
        if self.env.is_array(value)? {
            return Ok(String::from("Array"));
        }
        if self.env.is_arraybuffer(value)? {
            return Ok(String::from("ArrayBuffer"));
        }
        Ok(String::from("object"))
    }

    fn type_error(&self, name: &str, expected: &str, value: JsValue<'call>) -> BindingError {
        match self.describe(value) {
            Ok(actual) => BindingError::type_error(format!("{} must be {}, got {}", name, expected, actual)),
            Err(error) => error,
        }
    }

    /// Reads a Float32Array argument without copying it. Rejects other typed arrays, arrays
    /// over a SharedArrayBuffer (another thread could write them during the call) and
    /// arrays whose ArrayBuffer is detached.
    pub fn f32_array(&self, index: usize, name: &'static str) -> Result<Region<'call>, BindingError> {
        let value = self.arg(index);
        if self.env.type_of(value)? != NAPI_OBJECT || !self.env.is_typedarray(value)? {
            return Err(self.type_error(name, "a Float32Array", value));
        }
        let info = self.env.typedarray_info(value)?;
        if info.array_type != NAPI_FLOAT32_ARRAY {
            return Err(self.type_error(name, "a Float32Array", value));
        }
        if !self.env.is_arraybuffer(info.buffer)? {
            return Err(BindingError::type_error(format!(
                "{} must be a Float32Array over an ArrayBuffer, got one over a SharedArrayBuffer; copy it into a new Float32Array",
                name
            )));
        }
        if self.env.is_detached_arraybuffer(info.buffer)? {
            return Err(BindingError::type_error(format!(
                "{} must be a Float32Array with a live buffer, got one whose ArrayBuffer is detached (transferred)",
                name
            )));
        }
        // SAFETY: Node-API returns the address of the array's first element and its length.
        // The argument keeps the array alive until the call returns, and no JavaScript runs
        // during the call, so the buffer can be neither detached, resized nor freed. A
        // non-shared ArrayBuffer is touched only by this thread.
        unsafe { Region::from_raw_parts(name, info.data as *mut f32, info.length) }
    }

    /// Reads a Float32Array argument, or `None` for null or undefined.
    pub fn optional_f32_array(&self, index: usize, name: &'static str) -> Result<Option<Region<'call>>, BindingError> {
        match self.env.type_of(self.arg(index))? {
            NAPI_NULL | NAPI_UNDEFINED => Ok(None),
            _ => self.f32_array(index, name).map(Some),
        }
    }

    /// Reads a number argument. NaN and the infinities pass here; the operation checks the
    /// range it needs.
    pub fn number(&self, index: usize, name: &str) -> Result<f64, BindingError> {
        let value = self.arg(index);
        if self.env.type_of(value)? != NAPI_NUMBER {
            return Err(self.type_error(name, "a number", value));
        }
        self.env.get_f64(value)
    }

    pub fn boolean(&self, index: usize, name: &str) -> Result<bool, BindingError> {
        let value = self.arg(index);
        if self.env.type_of(value)? != NAPI_BOOLEAN {
            return Err(self.type_error(name, "a boolean", value));
        }
        self.env.get_bool(value)
    }

    /// Reads a short string argument such as an activation or SIMD level name.
    pub fn name(&self, index: usize, name: &str) -> Result<String, BindingError> {
        let value = self.arg(index);
        if self.env.type_of(value)? != NAPI_STRING {
            return Err(self.type_error(name, "a string", value));
        }
        let length = self.env.string_len(value)?;
        if length > MAX_NAME_BYTES {
            return Err(BindingError::range_error(format!(
                "{} must be a name of at most {} bytes, got a string of {} bytes",
                name, MAX_NAME_BYTES, length
            )));
        }
        self.env.get_string(value)
    }
}

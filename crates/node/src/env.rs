//! Safe wrappers over the Node-API calls of one callback. Every wrapper turns a failed status
//! into a `BindingError`, so no Node-API failure goes unnoticed.

use std::ffi::CString;
use std::marker::PhantomData;
use std::os::raw::{c_char, c_void};
use std::ptr;

use pixelgan_binding::{BindingError, ErrorKind};

use crate::sys::*;

/// The Node-API environment of the current callback; `'call` ends when the callback returns.
#[derive(Clone, Copy)]
pub struct Env<'call> {
    raw: napi_env,
    lifetime: PhantomData<&'call ()>,
}

/// A JavaScript value handle that stays valid until the current callback returns.
#[derive(Clone, Copy)]
pub struct JsValue<'call> {
    pub(crate) raw: napi_value,
    lifetime: PhantomData<&'call ()>,
}

impl<'call> JsValue<'call> {
    /// # Safety
    ///
    /// `raw` must be a value handle of the current callback, which Node-API keeps alive until
    /// the callback returns.
    pub unsafe fn from_raw(raw: napi_value) -> JsValue<'call> {
        JsValue { raw, lifetime: PhantomData }
    }
}

/// Result of `napi_get_typedarray_info` for a typed array.
pub struct TypedArrayInfo<'call> {
    pub array_type: napi_typedarray_type,
    /// Element count.
    pub length: usize,
    /// First element, already adjusted by the byte offset; null when the buffer is detached.
    pub data: *mut c_void,
    pub buffer: JsValue<'call>,
}

impl<'call> Env<'call> {
    /// # Safety
    ///
    /// `raw` must be the environment passed to the current callback or module initializer.
    pub unsafe fn from_raw(raw: napi_env) -> Env<'call> {
        Env { raw, lifetime: PhantomData }
    }

    pub fn raw(&self) -> napi_env {
        self.raw
    }

    fn check(&self, status: napi_status, function: &str) -> Result<(), BindingError> {
        if status == NAPI_OK {
            return Ok(());
        }
        Err(BindingError::failure(format!("Node-API call {} failed with status {}", function, status)))
    }

    pub fn type_of(&self, value: JsValue<'call>) -> Result<napi_valuetype, BindingError> {
        let mut result = NAPI_UNDEFINED;
        // SAFETY: `self.raw` and `value.raw` are handles of the current callback, and
        // `result` is a valid out-pointer.
        let status = unsafe { napi_typeof(self.raw, value.raw, &mut result) };
        self.check(status, "napi_typeof")?;
        Ok(result)
    }

    /// Calls one of the `napi_is_*` predicates.
    fn predicate(
        &self,
        value: JsValue<'call>,
        function: unsafe extern "C" fn(napi_env, napi_value, *mut bool) -> napi_status,
        name: &str,
    ) -> Result<bool, BindingError> {
        let mut result = false;
        // SAFETY: `function` is a Node-API predicate, the handles belong to the current
        // callback, and `result` is a valid out-pointer.
        let status = unsafe { function(self.raw, value.raw, &mut result) };
        self.check(status, name)?;
        Ok(result)
    }

    pub fn is_array(&self, value: JsValue<'call>) -> Result<bool, BindingError> {
        self.predicate(value, napi_is_array, "napi_is_array")
    }

    pub fn is_arraybuffer(&self, value: JsValue<'call>) -> Result<bool, BindingError> {
        self.predicate(value, napi_is_arraybuffer, "napi_is_arraybuffer")
    }

    pub fn is_typedarray(&self, value: JsValue<'call>) -> Result<bool, BindingError> {
        self.predicate(value, napi_is_typedarray, "napi_is_typedarray")
    }

    pub fn is_detached_arraybuffer(&self, value: JsValue<'call>) -> Result<bool, BindingError> {
        self.predicate(value, napi_is_detached_arraybuffer, "napi_is_detached_arraybuffer")
    }

    /// Returns the type, length, data pointer and buffer of a value known to be a typed array.
    pub fn typedarray_info(&self, value: JsValue<'call>) -> Result<TypedArrayInfo<'call>, BindingError> {
        let mut array_type = 0;
        let mut length = 0usize;
        let mut data: *mut c_void = ptr::null_mut();
        let mut buffer: napi_value = ptr::null_mut();
        let mut byte_offset = 0usize;
        // SAFETY: the handles belong to the current callback and every out-pointer is valid.
        let status = unsafe {
            napi_get_typedarray_info(self.raw, value.raw, &mut array_type, &mut length, &mut data, &mut buffer, &mut byte_offset)
        };
        self.check(status, "napi_get_typedarray_info")?;
        // SAFETY: Node-API just returned `buffer` as a handle of the current callback.
        let buffer = unsafe { JsValue::from_raw(buffer) };
        Ok(TypedArrayInfo { array_type, length, data, buffer })
    }

    pub fn get_f64(&self, value: JsValue<'call>) -> Result<f64, BindingError> {
        let mut result = 0.0;
        // SAFETY: the handles belong to the current callback; `result` is a valid out-pointer.
        let status = unsafe { napi_get_value_double(self.raw, value.raw, &mut result) };
        self.check(status, "napi_get_value_double")?;
        Ok(result)
    }

    pub fn get_bool(&self, value: JsValue<'call>) -> Result<bool, BindingError> {
        let mut result = false;
        // SAFETY: the handles belong to the current callback; `result` is a valid out-pointer.
        let status = unsafe { napi_get_value_bool(self.raw, value.raw, &mut result) };
        self.check(status, "napi_get_value_bool")?;
        Ok(result)
    }

    /// Returns the UTF-8 length in bytes of a string value.
    pub fn string_len(&self, value: JsValue<'call>) -> Result<usize, BindingError> {
        let mut length = 0usize;
        // SAFETY: with a null buffer Node-API only stores the length into `length`.
        let status = unsafe { napi_get_value_string_utf8(self.raw, value.raw, ptr::null_mut(), 0, &mut length) };
        self.check(status, "napi_get_value_string_utf8")?;
        Ok(length)
    }

    /// Copies a string value out as UTF-8. Callers bound its length with `string_len` first.
    pub fn get_string(&self, value: JsValue<'call>) -> Result<String, BindingError> {
        let length = self.string_len(value)?;
        let mut buffer = vec![0u8; length + 1];
        let mut written = 0usize;
        // SAFETY: `buffer` has room for `length` bytes plus the terminating NUL that
        // Node-API writes, and `written` is a valid out-pointer.
        let status = unsafe {
            napi_get_value_string_utf8(self.raw, value.raw, buffer.as_mut_ptr() as *mut c_char, buffer.len(), &mut written)
        };
        self.check(status, "napi_get_value_string_utf8")?;
        buffer.truncate(written.min(length));
        Ok(String::from_utf8_lossy(&buffer).into_owned())
    }

    /// Calls a Node-API constructor that takes only the environment and an out-pointer.
    fn create(
        &self,
        function: impl FnOnce(napi_env, *mut napi_value) -> napi_status,
        name: &str,
    ) -> Result<JsValue<'call>, BindingError> {
        let mut result: napi_value = ptr::null_mut();
        let status = function(self.raw, &mut result);
        self.check(status, name)?;
        // SAFETY: on success Node-API stored a handle of the current callback in `result`.
        Ok(unsafe { JsValue::from_raw(result) })
    }

    pub fn create_f64(&self, value: f64) -> Result<JsValue<'call>, BindingError> {
        // SAFETY: the closure passes a valid environment and out-pointer.
        self.create(|env, out| unsafe { napi_create_double(env, value, out) }, "napi_create_double")
    }

    pub fn create_string(&self, text: &str) -> Result<JsValue<'call>, BindingError> {
        // SAFETY: `text` is valid UTF-8 of `text.len()` bytes; the length is explicit, so no
        // NUL terminator is needed.
        self.create(
            |env, out| unsafe { napi_create_string_utf8(env, text.as_ptr() as *const c_char, text.len(), out) },
            "napi_create_string_utf8",
        )
    }

    pub fn create_object(&self) -> Result<JsValue<'call>, BindingError> {
        // SAFETY: the closure passes a valid environment and out-pointer.
        self.create(|env, out| unsafe { napi_create_object(env, out) }, "napi_create_object")
    }

    pub fn create_string_array(&self, items: &[&str]) -> Result<JsValue<'call>, BindingError> {
        // SAFETY: the closure passes a valid environment and out-pointer.
        let array = self.create(
            |env, out| unsafe { napi_create_array_with_length(env, items.len(), out) },
            "napi_create_array_with_length",
        )?;
        for (index, item) in items.iter().enumerate() {
            let element = self.create_string(item)?;
            let index = u32::try_from(index).map_err(|_| BindingError::failure(String::from("array too long")))?;
            // SAFETY: both handles belong to the current callback.
            let status = unsafe { napi_set_element(self.raw, array.raw, index, element.raw) };
            self.check(status, "napi_set_element")?;
        }
        Ok(array)
    }

    /// Sets `object[name] = value`.
    pub fn set_property(&self, object: JsValue<'call>, name: &str, value: JsValue<'call>) -> Result<(), BindingError> {
        let name = CString::new(name).map_err(|_| BindingError::failure(format!("property name {:?} contains NUL", name)))?;
        // SAFETY: `name` is NUL-terminated and both handles belong to the current callback.
        let status = unsafe { napi_set_named_property(self.raw, object.raw, name.as_ptr(), value.raw) };
        self.check(status, "napi_set_named_property")
    }

    /// Throws `error` as a JavaScript TypeError, RangeError or Error, unless an exception is
    /// already pending, which then takes precedence.
    pub fn throw(&self, error: &BindingError) {
        let mut pending = false;
        // SAFETY: valid environment and out-pointer.
        let status = unsafe { napi_is_exception_pending(self.raw, &mut pending) };
        if status != NAPI_OK || pending {
            return;
        }
        let message = match self.create_string(&error.message) {
            Ok(message) => message,
            Err(_) => return,
        };
        let constructor = match error.kind {
            ErrorKind::Type => napi_create_type_error,
            ErrorKind::Range => napi_create_range_error,
            ErrorKind::Failure => napi_create_error,
        };
        let mut exception: napi_value = ptr::null_mut();
        // SAFETY: `message` is a string handle of the current callback; a null `code` means
        // the error gets no `code` property; `exception` is a valid out-pointer.
        let status = unsafe { constructor(self.raw, ptr::null_mut(), message.raw, &mut exception) };
        if status == NAPI_OK {
            // SAFETY: `exception` is the error object Node-API just created.
            unsafe { napi_throw(self.raw, exception) };
        }
    }
}

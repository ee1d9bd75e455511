//! The error type of the bindings and its mapping to JavaScript error classes.

use std::fmt;

use pixelgan_kernels::KernelError;

/// The JavaScript error class a [`BindingError`] is thrown as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `TypeError`: an argument has the wrong JavaScript type.
    Type,
    /// `RangeError`: an argument has the right type but an invalid value, length or overlap.
    Range,
    /// `Error`: the call failed for a reason other than its arguments.
    Failure,
}

/// A rejected call: the JavaScript error class and a message that names the argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingError {
    pub kind: ErrorKind,
    pub message: String,
}

impl BindingError {
    pub fn type_error(message: String) -> BindingError {
        BindingError { kind: ErrorKind::Type, message }
    }

    pub fn range_error(message: String) -> BindingError {
        BindingError { kind: ErrorKind::Range, message }
    }

    pub fn failure(message: String) -> BindingError {
        BindingError { kind: ErrorKind::Failure, message }
    }

    /// Prefixes the message with the name of the function that rejected the call.
    pub fn in_function(self, function: &str) -> BindingError {
        BindingError {
            kind: self.kind,
            message: format!("{}: {}", function, self.message),
        }
    }
}

impl fmt::Display for BindingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BindingError {}

impl From<KernelError> for BindingError {
    /// Maps a kernel error to a `RangeError`, because every kernel error is about an argument
    /// value: a length, a scalar or a SIMD level that this CPU lacks.
    fn from(error: KernelError) -> BindingError {
        BindingError::range_error(error.to_string())
    }
}

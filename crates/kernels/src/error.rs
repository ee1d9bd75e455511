//! The error type of every fallible kernel.

use std::fmt;

use crate::engine::SimdLevel;

/// Error returned when a kernel rejects its arguments. Every kernel checks all of its arguments
/// before it reads or writes any element, so an `Err` means that no output was changed.
#[derive(Debug, Clone, PartialEq)]
pub enum KernelError {
    /// A slice is shorter than its shape needs.
    LengthMismatch {
        what: &'static str,
        expected: usize,
        actual: usize,
    },
    /// A slice must have exactly as many elements as `other`, but does not.
    LengthNotEqual {
        what: &'static str,
        other: &'static str,
        expected: usize,
        actual: usize,
    },
    /// The element count of a shape does not fit in `usize`.
    SizeOverflow {
        what: &'static str,
        rows: usize,
        cols: usize,
    },
    /// A scalar argument or stride is out of its valid range.
    InvalidArgument { what: &'static str, reason: String },
    /// The SIMD level was requested but this CPU or this build does not support it.
    LevelUnavailable(SimdLevel),
}

impl fmt::Display for KernelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KernelError::LengthMismatch {
                what,
                expected,
                actual,
            } => write!(
                f,
                "{} has {} elements but its shape needs at least {}; pass a longer slice or a smaller shape",
                what, actual, expected
            ),
            KernelError::LengthNotEqual {
                what,
                other,
                expected,
                actual,
            } => write!(
                f,
                "{} has {} elements but must have {}, the length of {}",
                what, actual, expected, other
            ),
            KernelError::SizeOverflow { what, rows, cols } => write!(
                f,
                "{} with {} rows of stride {} needs more elements than fit in memory; use smaller dimensions",
                what, rows, cols
            ),
            KernelError::InvalidArgument { what, reason } => write!(f, "invalid {}: {}", what, reason),
            KernelError::LevelUnavailable(level) => write!(
                f,
                "SIMD level {} is not available on this CPU or in this build; Engine::available_levels() lists the ones that are",
                level.name()
            ),
        }
    }
}

impl std::error::Error for KernelError {}

/// Returns `rows * cols`, or `SizeOverflow` when the product does not fit in `usize`.
pub(crate) fn element_count(
    what: &'static str,
    rows: usize,
    cols: usize,
) -> Result<usize, KernelError> {
    rows.checked_mul(cols)
        .ok_or(KernelError::SizeOverflow { what, rows, cols })
}

/// Checks that `len` elements hold a `rows` x `cols` matrix whose rows start `stride` elements
/// apart, which needs `(rows - 1) * stride + cols` elements (none when either dimension is 0).
pub(crate) fn check_strided(
    what: &'static str,
    len: usize,
    rows: usize,
    cols: usize,
    stride: usize,
) -> Result<(), KernelError> {
    if stride < cols {
        return Err(KernelError::InvalidArgument {
            what,
            reason: format!(
                "row stride {} is smaller than the row length {}",
                stride, cols
            ),
        });
    }
    if rows == 0 || cols == 0 {
        return Ok(());
    }
    let needed = (rows - 1)
        .checked_mul(stride)
        .and_then(|start| start.checked_add(cols))
        .ok_or(KernelError::SizeOverflow {
            what,
            rows,
            cols: stride,
        })?;
    check_len(what, len, needed)
}

/// Checks that a slice of `len` elements has at least `needed`.
pub(crate) fn check_len(what: &'static str, len: usize, needed: usize) -> Result<(), KernelError> {
    if len < needed {
        return Err(KernelError::LengthMismatch {
            what,
            expected: needed,
            actual: len,
        });
    }
    Ok(())
}

/// Checks that a slice of `len` elements has exactly `expected`, the length of `other`.
pub(crate) fn check_equal_len(
    what: &'static str,
    len: usize,
    other: &'static str,
    expected: usize,
) -> Result<(), KernelError> {
    if len != expected {
        return Err(KernelError::LengthNotEqual {
            what,
            other,
            expected,
            actual: len,
        });
    }
    Ok(())
}

/// Checks that a scalar argument is finite (not NaN or infinite).
pub(crate) fn check_finite(what: &'static str, value: f32) -> Result<(), KernelError> {
    if !value.is_finite() {
        return Err(KernelError::InvalidArgument {
            what,
            reason: format!("must be a finite number, got {}", value),
        });
    }
    Ok(())
}

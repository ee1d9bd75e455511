//! Checks that turn JavaScript numbers (`f64`) into sizes, flags and float32 scalars.

use crate::error::BindingError;

/// `Number.MAX_SAFE_INTEGER`, 2^53 - 1: above it, `f64` no longer represents every integer.
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Converts a size or count to `usize`. It must be an integer in [0, 2^53 - 1] that also fits
/// this platform's `usize` (32 bits on wasm32).
pub fn size(name: &str, value: f64) -> Result<usize, BindingError> {
    if !(value.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&value)) {
        return Err(BindingError::range_error(format!(
            "{} must be a non-negative integer no larger than 2^53 - 1, got {}",
            name,
            format_number(value)
        )));
    }
    // Exact: `value` is an integer below 2^53, and u64 represents every such integer.
    let wide = value as u64;
    usize::try_from(wide).map_err(|_| {
        BindingError::range_error(format!(
            "{} must be at most {} on this platform, got {}",
            name,
            usize::MAX,
            format_number(value)
        ))
    })
}

/// Converts a finite number to `f32`. The value must also lie within the float32 range, so
/// that the conversion does not turn it into an infinity.
pub fn finite_f32(name: &str, value: f64) -> Result<f32, BindingError> {
    let narrow = value as f32;
    if !value.is_finite() || !narrow.is_finite() {
        return Err(BindingError::range_error(format!(
            "{} must be a finite number within the float32 range (magnitude below {:e}), got {}",
            name,
            f32::MAX,
            format_number(value)
        )));
    }
    Ok(narrow)
}

/// Converts an integer in [1, 2^32 - 1] to `u32`, e.g. the Adam step count.
pub fn positive_u32(name: &str, value: f64) -> Result<u32, BindingError> {
    let valid = value.is_finite() && value.fract() == 0.0 && value >= 1.0 && value <= f64::from(u32::MAX);
    if !valid {
        return Err(BindingError::range_error(format!(
            "{} must be an integer in [1, {}], got {}",
            name,
            u32::MAX,
            format_number(value)
        )));
    }
    Ok(value as u32)
}

/// Formats a number the way JavaScript's `String(value)` does for the common cases, so that
/// messages show NaN, Infinity and large integers as the caller wrote them.
pub fn format_number(value: f64) -> String {
    /// Magnitude from which JavaScript switches integers to exponent notation.
    const EXPONENT_FROM: f64 = 1e21;
    /// Magnitude below which JavaScript switches fractions to exponent notation.
    const EXPONENT_BELOW: f64 = 1e-6;

    if value.is_nan() {
        return String::from("NaN");
    }
    if value.is_infinite() {
        return String::from(if value > 0.0 { "Infinity" } else { "-Infinity" });
    }
    let magnitude = value.abs();
    if magnitude >= EXPONENT_FROM || (magnitude < EXPONENT_BELOW && magnitude != 0.0) {
        return format!("{:e}", value);
    }
    if value.fract() == 0.0 {
        // Exact: integers below 1e21 fit in i128. Display of f64 would print 2^60 as
        // 1152921504606847000, JavaScript prints every digit.
        return format!("{}", value as i128);
    }
    format!("{}", value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_accepts_integers() {
        assert_eq!(size("m", 0.0), Ok(0));
        assert_eq!(size("m", 768.0), Ok(768));
    }

    #[test]
    fn size_rejects_invalid_values() {
        for bad in [-1.0, 0.5, f64::NAN, f64::INFINITY, 2f64.powi(53)] {
            let error = size("m", bad).unwrap_err();
            assert!(error.message.starts_with("m must be"), "{}", error.message);
            assert!(error.message.contains(&format_number(bad)), "{}", error.message);
        }
    }

    #[test]
    fn finite_f32_rejects_overflow() {
        assert_eq!(finite_f32("alpha", 0.5), Ok(0.5));
        assert!(finite_f32("alpha", 1e39).is_err());
        assert!(finite_f32("alpha", f64::NAN).is_err());
    }

    #[test]
    fn positive_u32_bounds() {
        assert_eq!(positive_u32("step", 1.0), Ok(1));
        assert!(positive_u32("step", 0.0).is_err());
        assert!(positive_u32("step", 4_294_967_296.0).is_err());
    }

    #[test]
    fn format_number_matches_javascript() {
        assert_eq!(format_number(f64::NAN), "NaN");
        assert_eq!(format_number(-f64::INFINITY), "-Infinity");
        assert_eq!(format_number(-1.0), "-1");
        assert_eq!(format_number(0.25), "0.25");
        assert_eq!(format_number(1e300), "1e300");
        assert_eq!(format_number(2f64.powi(60)), "1152921504606846976");
    }
}

//! Decoding of activation arguments: a kind (by name in Node-API, by code in WASM) and the
//! LeakyReLU slope.

use pixelgan_kernels::Activation;

use crate::error::BindingError;
use crate::number::format_number;

/// Activation names as the TypeScript `ActivationKind` spells them. The WASM binding passes
/// the index into this list as the activation code.
pub const ACTIVATION_NAMES: [&str; 5] = ["identity", "relu", "leaky_relu", "tanh", "sigmoid"];

/// Decodes the activation called `name`. `slope` is used only by `leaky_relu`, where it must
/// be in [0, 1).
pub fn activation_from_name(name: &str, slope: f64) -> Result<Activation, BindingError> {
    match ACTIVATION_NAMES.iter().position(|&known| known == name) {
        Some(code) => activation_from_index(code, slope),
        None => Err(BindingError::range_error(format!(
            "activation kind must be one of {}, got {:?}",
            ACTIVATION_NAMES.join(", "),
            name
        ))),
    }
}

/// Decodes the activation with code `code`, its index in [`ACTIVATION_NAMES`].
pub fn activation_from_code(code: i32, slope: f64) -> Result<Activation, BindingError> {
    match usize::try_from(code) {
        Ok(index) if index < ACTIVATION_NAMES.len() => activation_from_index(index, slope),
        _ => Err(BindingError::range_error(format!(
            "activation code must be in [0, {}], got {}",
            ACTIVATION_NAMES.len() - 1,
            code
        ))),
    }
}

fn activation_from_index(index: usize, slope: f64) -> Result<Activation, BindingError> {
    let activation = match index {
        0 => Activation::Identity,
        1 => Activation::Relu,
        2 => Activation::LeakyRelu(leaky_slope(slope)?),
        3 => Activation::Tanh,
        _ => Activation::Sigmoid,
    };
    Ok(activation)
}

fn leaky_slope(slope: f64) -> Result<f32, BindingError> {
    if !(slope.is_finite() && (0.0..1.0).contains(&slope)) {
        return Err(BindingError::range_error(format!(
            "LeakyReLU slope must be in [0, 1), got {}",
            format_number(slope)
        )));
    }
    Ok(slope as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_agree() {
        for (code, name) in ACTIVATION_NAMES.iter().enumerate() {
            let by_name = activation_from_name(name, 0.2).unwrap();
            let by_code = activation_from_code(code as i32, 0.2).unwrap();
            assert_eq!(format!("{:?}", by_name), format!("{:?}", by_code));
        }
    }

    #[test]
    fn rejects_unknown_kind_and_bad_slope() {
        assert!(activation_from_name("gelu", 0.0).is_err());
        assert!(activation_from_code(5, 0.0).is_err());
        assert!(activation_from_code(-1, 0.0).is_err());
        assert!(activation_from_name("leaky_relu", 1.0).is_err());
        assert!(activation_from_name("leaky_relu", f64::NAN).is_err());
        assert!(activation_from_name("relu", f64::NAN).is_ok());
    }
}

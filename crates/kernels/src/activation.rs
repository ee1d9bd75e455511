//! Element-wise activations and their derivatives, computed from the activation's output.

use crate::error::{check_equal_len, KernelError};
use crate::fastmath;

/// Element-wise nonlinearity of a dense layer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Activation {
    Identity,
    Relu,
    /// LeakyReLU with this slope for negative inputs, which must be finite and in [0, 1).
    LeakyRelu(f32),
    Tanh,
    /// The logistic function 1 / (1 + exp(-x)).
    Sigmoid,
}

impl Activation {
    /// Returns `InvalidArgument` for a LeakyReLU slope that is not finite or not in [0, 1).
    /// A slope in [0, 1) makes y > 0 exactly when x > 0, which the backward pass relies on.
    pub fn validate(&self) -> Result<(), KernelError> {
        if let Activation::LeakyRelu(slope) = *self {
            if !(slope.is_finite() && (0.0..1.0).contains(&slope)) {
                return Err(KernelError::InvalidArgument {
                    what: "LeakyReLU slope",
                    reason: format!("must be finite and in [0, 1), got {}", slope),
                });
            }
        }
        Ok(())
    }
}

/// Returns max(x, 0), keeping NaN.
#[inline(always)]
fn relu(x: f32) -> f32 {
    if x <= 0.0 {
        0.0
    } else {
        x
    }
}

/// Returns x for x > 0 and slope * x otherwise, keeping NaN.
#[inline(always)]
fn leaky_relu(x: f32, slope: f32) -> f32 {
    if x <= 0.0 {
        slope * x
    } else {
        x
    }
}

/// Returns dy * act'(x) from y = act(x); a NaN y gives NaN.
#[inline(always)]
fn leaky_relu_backward(y: f32, dy: f32, slope: f32) -> f32 {
    if y > 0.0 {
        dy
    } else if y <= 0.0 {
        slope * dy
    } else {
        y
    }
}

/// Computes `y[i] = act(x[i])`. `y` must have exactly as many elements as `x`.
///
/// Tanh and sigmoid use vectorized approximations accurate to a few ulp. Returns
/// `LengthNotEqual` or, for a bad LeakyReLU slope, `InvalidArgument`.
pub fn activate(act: Activation, x: &[f32], y: &mut [f32]) -> Result<(), KernelError> {
    act.validate()?;
    check_equal_len("y", y.len(), "x", x.len())?;
    match act {
        Activation::Identity => y.copy_from_slice(x),
        Activation::Relu => map_into(x, y, relu),
        Activation::LeakyRelu(slope) => map_into(x, y, |v| leaky_relu(v, slope)),
        Activation::Tanh => map_into(x, y, fastmath::tanh),
        Activation::Sigmoid => map_into(x, y, fastmath::sigmoid),
    }
    Ok(())
}

/// Computes `y[i] = act(y[i])` in place. The slope of LeakyReLU is used as given: check it first with
/// `Activation::validate`, since this function has no error to return.
pub fn activate_in_place(act: Activation, y: &mut [f32]) {
    match act {
        Activation::Identity => {}
        Activation::Relu => map_in_place(y, relu),
        Activation::LeakyRelu(slope) => map_in_place(y, |v| leaky_relu(v, slope)),
        Activation::Tanh => map_in_place(y, fastmath::tanh),
        Activation::Sigmoid => map_in_place(y, fastmath::sigmoid),
    }
}

/// Computes `dx[i] = dy[i] * act'(x[i])`, with the derivative taken from the output y = act(x):
/// ReLU y > 0 ? 1 : 0, LeakyReLU y > 0 ? 1 : slope, tanh 1 - y^2, sigmoid y (1 - y).
/// `dy` and `dx` must have exactly as many elements as `y`.
pub fn activate_backward(
    act: Activation,
    y: &[f32],
    dy: &[f32],
    dx: &mut [f32],
) -> Result<(), KernelError> {
    act.validate()?;
    check_equal_len("dy", dy.len(), "y", y.len())?;
    check_equal_len("dx", dx.len(), "y", y.len())?;
    dx.copy_from_slice(dy);
    backward_in_place(act, y, dx);
    Ok(())
}

/// Like `activate_backward`, but overwrites the incoming gradient with the outgoing one.
pub fn activate_backward_in_place(
    act: Activation,
    y: &[f32],
    dy_dx: &mut [f32],
) -> Result<(), KernelError> {
    act.validate()?;
    check_equal_len("dy_dx", dy_dx.len(), "y", y.len())?;
    backward_in_place(act, y, dy_dx);
    Ok(())
}

/// g[i] <- g[i] * act'(.) from y[i]; the lengths are checked by the caller.
pub(crate) fn backward_in_place(act: Activation, y: &[f32], g: &mut [f32]) {
    match act {
        Activation::Identity => {}
        Activation::Relu => zip_in_place(y, g, |y, dy| leaky_relu_backward(y, dy, 0.0)),
        Activation::LeakyRelu(slope) => {
            zip_in_place(y, g, |y, dy| leaky_relu_backward(y, dy, slope))
        }
        Activation::Tanh => zip_in_place(y, g, |y, dy| dy * (1.0 - y * y)),
        Activation::Sigmoid => zip_in_place(y, g, |y, dy| dy * y * (1.0 - y)),
    }
}

/// Y[r, c] <- act(Y[r, c] + bias[c]) for the rows of `y`, each `bias.len()` long.
pub(crate) fn add_bias_activate(act: Activation, y: &mut [f32], bias: &[f32]) {
    match act {
        Activation::Identity => add_bias_map(y, bias, |v| v),
        Activation::Relu => add_bias_map(y, bias, relu),
        Activation::LeakyRelu(slope) => add_bias_map(y, bias, |v| leaky_relu(v, slope)),
        Activation::Tanh => add_bias_map(y, bias, fastmath::tanh),
        Activation::Sigmoid => add_bias_map(y, bias, fastmath::sigmoid),
    }
}

#[inline(always)]
fn map_into(x: &[f32], y: &mut [f32], f: impl Fn(f32) -> f32) {
    for (out, &v) in y.iter_mut().zip(x) {
        *out = f(v);
    }
}

#[inline(always)]
fn map_in_place(y: &mut [f32], f: impl Fn(f32) -> f32) {
    for v in y.iter_mut() {
        *v = f(*v);
    }
}

#[inline(always)]
fn zip_in_place(y: &[f32], g: &mut [f32], f: impl Fn(f32, f32) -> f32) {
    for (out, &y) in g.iter_mut().zip(y) {
        *out = f(y, *out);
    }
}

#[inline(always)]
fn add_bias_map(y: &mut [f32], bias: &[f32], f: impl Fn(f32) -> f32) {
    if bias.is_empty() {
        return;
    }
    for row in y.chunks_exact_mut(bias.len()) {
        for (out, &b) in row.iter_mut().zip(bias) {
            *out = f(*out + b);
        }
    }
}

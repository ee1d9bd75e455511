//! Parameter updates: Adam and SGD with optional heavy-ball momentum.

use crate::error::{check_equal_len, check_finite, KernelError};

/// Hyperparameters of one Adam step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamParams {
    /// Learning rate.
    pub lr: f32,
    /// Decay rate of the first moment, in [0, 1).
    pub beta1: f32,
    /// Decay rate of the second moment, in [0, 1).
    pub beta2: f32,
    /// Added to sqrt(v) in the denominator; finite and >= 0.
    pub eps: f32,
    /// 1-based count of steps taken, including this one, used for bias correction.
    pub step: u32,
}

impl AdamParams {
    fn validate(&self) -> Result<(), KernelError> {
        check_finite("lr", self.lr)?;
        check_unit_interval("beta1", self.beta1)?;
        check_unit_interval("beta2", self.beta2)?;
        check_finite("eps", self.eps)?;
        if self.eps < 0.0 {
            return Err(KernelError::InvalidArgument {
                what: "eps",
                reason: format!("must be >= 0, got {}", self.eps),
            });
        }
        if self.step == 0 {
            return Err(KernelError::InvalidArgument {
                what: "Adam step",
                reason: String::from("must be >= 1 (the count of steps including this one), got 0"),
            });
        }
        Ok(())
    }
}

fn check_unit_interval(what: &'static str, value: f32) -> Result<(), KernelError> {
    if !(value.is_finite() && (0.0..1.0).contains(&value)) {
        return Err(KernelError::InvalidArgument {
            what,
            reason: format!("must be in [0, 1), got {}", value),
        });
    }
    Ok(())
}

/// Applies one Adam step (Kingma and Ba, 2015) in the paper's efficient form:
/// m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2;
/// param <- param - lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps).
///
/// `grad`, `m` and `v` must have exactly as many elements as `param`. Returns
/// `LengthNotEqual` otherwise and `InvalidArgument` for a non-finite lr or eps, a negative
/// eps, a beta outside [0, 1) or step 0. Nothing is written when an error is returned.
pub fn adam(
    param: &mut [f32],
    grad: &[f32],
    m: &mut [f32],
    v: &mut [f32],
    p: &AdamParams,
) -> Result<(), KernelError> {
    let n = param.len();
    check_equal_len("grad", grad.len(), "param", n)?;
    check_equal_len("m", m.len(), "param", n)?;
    check_equal_len("v", v.len(), "param", n)?;
    p.validate()?;
    let t = f64::from(p.step);
    let correction1 = 1.0 - f64::from(p.beta1).powf(t);
    let correction2 = 1.0 - f64::from(p.beta2).powf(t);
    let step_size = (f64::from(p.lr) * correction2.sqrt() / correction1) as f32;
    let (b1, b2, eps) = (p.beta1, p.beta2, p.eps);
    let moments = m.iter_mut().zip(v.iter_mut());
    for ((w, &g), (mi, vi)) in param.iter_mut().zip(grad).zip(moments) {
        let m_new = b1 * *mi + (1.0 - b1) * g;
        let v_new = b2 * *vi + (1.0 - b2) * g * g;
        *mi = m_new;
        *vi = v_new;
        *w -= step_size * m_new / (v_new.sqrt() + eps);
    }
    Ok(())
}

/// Applies one SGD step: param <- param - lr * g, or, with a velocity buffer and
/// momentum != 0, velocity <- momentum * velocity + g and param <- param - lr * velocity.
/// With momentum = 0 the velocity buffer is ignored.
///
/// `grad` and `velocity` must have exactly as many elements as `param`. Returns
/// `LengthNotEqual` otherwise, and `InvalidArgument` for a non-finite lr or momentum or a
/// non-zero momentum without a velocity buffer.
pub fn sgd(
    param: &mut [f32],
    grad: &[f32],
    velocity: Option<&mut [f32]>,
    lr: f32,
    momentum: f32,
) -> Result<(), KernelError> {
    let n = param.len();
    check_equal_len("grad", grad.len(), "param", n)?;
    if let Some(velocity) = &velocity {
        check_equal_len("velocity", velocity.len(), "param", n)?;
    }
    check_finite("lr", lr)?;
    check_finite("momentum", momentum)?;
    match velocity {
        Some(velocity) if momentum != 0.0 => {
            for ((w, &g), vel) in param.iter_mut().zip(grad).zip(velocity.iter_mut()) {
                *vel = momentum * *vel + g;
                *w -= lr * *vel;
            }
        }
        None if momentum != 0.0 => {
            return Err(KernelError::InvalidArgument {
                what: "velocity",
                reason: format!(
                    "SGD with momentum {} needs a velocity buffer, got none",
                    momentum
                ),
            });
        }
        _ => {
            for (w, &g) in param.iter_mut().zip(grad) {
                *w -= lr * g;
            }
        }
    }
    Ok(())
}

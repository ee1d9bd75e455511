//! Binary cross-entropy on logits.

use crate::error::{check_equal_len, check_finite, KernelError};

/// Returns the mean over i of `max(l, 0) - l * t + ln(1 + exp(-|l|))` for logits l and
/// targets t, and writes `grad[i] = grad_scale * (sigmoid(l_i) - t_i) / n`, the gradient of
/// `grad_scale` times the returned loss. The ln(1 + exp(-|l|)) form is finite for every finite
/// logit, so |l| = 1e4 gives a finite loss and gradient. The sums run in f64. An empty input
/// returns 0 and writes nothing.
///
/// `targets` and `grad` must have exactly as many elements as `logits`. Returns
/// `LengthNotEqual` otherwise and `InvalidArgument` for a non-finite `grad_scale`.
pub fn bce_with_logits(
    logits: &[f32],
    targets: &[f32],
    grad: &mut [f32],
    grad_scale: f32,
) -> Result<f32, KernelError> {
    let n = logits.len();
    check_equal_len("targets", targets.len(), "logits", n)?;
    check_equal_len("grad", grad.len(), "logits", n)?;
    check_finite("grad_scale", grad_scale)?;
    if n == 0 {
        return Ok(0.0);
    }
    let scale = f64::from(grad_scale) / n as f64;
    let mut sum = 0.0f64;
    for ((&l, &t), g) in logits.iter().zip(targets).zip(grad.iter_mut()) {
        let (l, t) = (f64::from(l), f64::from(t));
        sum += l.max(0.0) - l * t + (-l.abs()).exp().ln_1p();
        *g = (scale * (sigmoid_f64(l) - t)) as f32;
    }
    Ok((sum / n as f64) as f32)
}

/// Returns the logistic function, computed from exp(-|x|), which cannot overflow.
fn sigmoid_f64(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

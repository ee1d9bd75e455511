//! Binary cross-entropy on logits.

use pixelgan_kernels::bce_with_logits as bce_kernel;

use crate::error::BindingError;
use crate::number::{finite_f32, size};
use crate::region::{borrow_regions, Borrowed, Region};

/// Returns the mean binary cross-entropy of the first `n` logits against `targets` and writes
/// grad[i] = grad_scale * (sigmoid(logit_i) - target_i) / n.
pub fn bce_with_logits(
    logits: Region<'_>,
    targets: Region<'_>,
    grad: Region<'_>,
    n: f64,
    grad_scale: f64,
) -> Result<f32, BindingError> {
    let n = size("n", n)?;
    let grad_scale = finite_f32("gradScale", grad_scale)?;
    let logits = logits.take(&[n])?;
    let targets = targets.take(&[n])?;
    let grad = grad.take(&[n])?;

    let Borrowed { reads: [logits, targets], writes: [grad], .. } = borrow_regions([logits, targets], [grad], [])?;
    Ok(bce_kernel(logits, targets, grad, grad_scale)?)
}

//! Optimizer steps: Adam and SGD with optional heavy-ball momentum.

use pixelgan_kernels::{adam as adam_kernel, sgd as sgd_kernel, AdamParams};

use crate::error::BindingError;
use crate::number::{finite_f32, format_number, positive_u32, size};
use crate::region::{borrow_regions, Borrowed, Region};

/// Unchecked Adam hyperparameters, as JavaScript passed them.
pub struct AdamArgs {
    pub lr: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    /// 1-based step count used for bias correction.
    pub step: f64,
}

/// Applies one Adam step to the first `n` parameters, with `m` and `v` as the moment buffers.
pub fn adam(
    param: Region<'_>,
    grad: Region<'_>,
    m: Region<'_>,
    v: Region<'_>,
    n: f64,
    args: &AdamArgs,
) -> Result<(), BindingError> {
    let n = size("n", n)?;
    let params = AdamParams {
        lr: finite_f32("lr", args.lr)?,
        beta1: finite_f32("beta1", args.beta1)?,
        beta2: finite_f32("beta2", args.beta2)?,
        eps: finite_f32("eps", args.eps)?,
        step: positive_u32("step", args.step)?,
    };
    let param = param.take(&[n])?;
    let grad = grad.take(&[n])?;
    let m = m.take(&[n])?;
    let v = v.take(&[n])?;

    let Borrowed { reads: [grad], writes: [param, m, v], .. } = borrow_regions([grad], [param, m, v], [])?;
    adam_kernel(param, grad, m, v, &params)?;
    Ok(())
}

/// Applies param -= lr * grad to the first `n` parameters, with heavy-ball momentum when
/// `momentum` is not 0, which needs `velocity`.
pub fn sgd(
    param: Region<'_>,
    grad: Region<'_>,
    velocity: Option<Region<'_>>,
    n: f64,
    lr: f64,
    momentum: f64,
) -> Result<(), BindingError> {
    let n = size("n", n)?;
    let lr = finite_f32("lr", lr)?;
    let momentum_f32 = finite_f32("momentum", momentum)?;
    if momentum_f32 != 0.0 && velocity.is_none() {
        return Err(BindingError::range_error(format!(
            "velocity must be a tensor when momentum is not 0, got null with momentum {}",
            format_number(momentum)
        )));
    }
    let param = param.take(&[n])?;
    let grad = grad.take(&[n])?;
    let velocity = velocity.map(|region| region.take(&[n])).transpose()?;
    // Without momentum the velocity is neither read nor updated, as in the TypeScript backend.
    let velocity = if momentum_f32 == 0.0 { None } else { velocity };

    let Borrowed { reads: [grad], writes: [param], optional: [velocity] } =
        borrow_regions([grad], [param], [velocity])?;
    sgd_kernel(param, grad, velocity, lr, momentum_f32)?;
    Ok(())
}

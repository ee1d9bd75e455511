//! Element-wise activations and their backward pass, with in-place forms.

use pixelgan_kernels::{
    activate as activate_kernel, activate_backward as activate_backward_kernel,
    activate_backward_in_place, activate_in_place, Activation,
};

use crate::error::BindingError;
use crate::number::size;
use crate::region::{borrow_regions, Borrowed, Region};

/// Computes y <- act(x) over the first `n` elements. x and y may be the same elements, but
/// must not overlap otherwise.
pub fn activate(act: Activation, x: Region<'_>, y: Region<'_>, n: f64) -> Result<(), BindingError> {
    let n = size("n", n)?;
    let x = x.take(&[n])?;
    let y = y.take(&[n])?;

    if x.same_elements(&y) {
        let Borrowed { writes: [y], .. } = borrow_regions([], [y], [])?;
        activate_in_place(act, y);
        return Ok(());
    }
    let Borrowed { reads: [x], writes: [y], .. } = borrow_regions([x], [y], [])?;
    activate_kernel(act, x, y)?;
    Ok(())
}

/// Computes dx <- dy * act'(y) over the first `n` elements, with the derivative taken from
/// the activation's output y. dx may be the same elements as dy, and must not overlap y.
pub fn activate_backward(act: Activation, y: Region<'_>, dy: Region<'_>, dx: Region<'_>, n: f64) -> Result<(), BindingError> {
    let n = size("n", n)?;
    let y = y.take(&[n])?;
    let dy = dy.take(&[n])?;
    let dx = dx.take(&[n])?;

    if dx.same_elements(&dy) {
        let Borrowed { reads: [y], writes: [dx], .. } = borrow_regions([y], [dx], [])?;
        activate_backward_in_place(act, y, dx)?;
        return Ok(());
    }
    let Borrowed { reads: [y, dy], writes: [dx], .. } = borrow_regions([y, dy], [dx], [])?;
    activate_backward_kernel(act, y, dy, dx)?;
    Ok(())
}

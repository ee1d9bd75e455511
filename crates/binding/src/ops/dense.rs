//! The fused fully connected layer Y = act(X W^T + b) and its backward pass.

use pixelgan_kernels::{Activation, DenseShape, Engine};

use crate::error::BindingError;
use crate::number::size;
use crate::region::{borrow_regions, Borrowed, Region};

/// Unchecked layer shape, as JavaScript passed it.
pub struct DenseArgs {
    pub rows: f64,
    pub inputs: f64,
    pub outputs: f64,
}

fn dense_shape(args: &DenseArgs) -> Result<DenseShape, BindingError> {
    Ok(DenseShape {
        rows: size("rows", args.rows)?,
        inputs: size("inputs", args.inputs)?,
        outputs: size("outputs", args.outputs)?,
    })
}

/// Computes Y[rows, outputs] <- act(X[rows, inputs] W[outputs, inputs]^T + b[outputs]).
pub fn dense_forward(
    engine: &Engine,
    [x, w, b, y]: [Region<'_>; 4],
    args: &DenseArgs,
    act: Activation,
) -> Result<(), BindingError> {
    let shape = dense_shape(args)?;
    let x = x.take(&[shape.rows, shape.inputs])?;
    let w = w.take(&[shape.outputs, shape.inputs])?;
    let b = b.take(&[shape.outputs])?;
    let y = y.take(&[shape.rows, shape.outputs])?;

    let Borrowed { reads: [x, w, b], writes: [y], .. } = borrow_regions([x, w, b], [y], [])?;
    engine.dense_forward(x, w, b, y, shape, act)?;
    Ok(())
}

/// Tensors of `dense_backward`: the forward pass's X, W and Y, dL/dY (overwritten with
/// dL/dZ) and the gradients to compute, each `None` when not needed.
pub struct DenseBackwardRegions<'call> {
    pub x: Region<'call>,
    pub w: Region<'call>,
    pub y: Region<'call>,
    pub dy: Region<'call>,
    pub dx: Option<Region<'call>>,
    pub dw: Option<Region<'call>>,
    pub db: Option<Region<'call>>,
}

/// Backward pass of `dense_forward`: dY becomes dZ, then dW <- dZ^T X, db <- column sums of
/// dZ and dX <- dZ W. With `accumulate`, dW and db are added to instead of overwritten.
pub fn dense_backward(
    engine: &Engine,
    regions: DenseBackwardRegions<'_>,
    args: &DenseArgs,
    act: Activation,
    accumulate: bool,
) -> Result<(), BindingError> {
    let shape = dense_shape(args)?;
    let x = regions.x.take(&[shape.rows, shape.inputs])?;
    let w = regions.w.take(&[shape.outputs, shape.inputs])?;
    let y = regions.y.take(&[shape.rows, shape.outputs])?;
    let dy = regions.dy.take(&[shape.rows, shape.outputs])?;
    let dx = regions.dx.map(|dx| dx.take(&[shape.rows, shape.inputs])).transpose()?;
    let dw = regions.dw.map(|dw| dw.take(&[shape.outputs, shape.inputs])).transpose()?;
    let db = regions.db.map(|db| db.take(&[shape.outputs])).transpose()?;

    let Borrowed { reads: [x, w, y], writes: [dy], optional: [dx, dw, db] } =
        borrow_regions([x, w, y], [dy], [dx, dw, db])?;
    engine.dense_backward(x, w, y, dy, dx, dw, db, shape, act, accumulate)?;
    Ok(())
}

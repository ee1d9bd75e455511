//! Fused fully connected layer, Y = act(X W^T + b) with W stored as [outputs, inputs], and its
//! backward pass, built on the engine's matrix multiply.

use crate::activation::{add_bias_activate, backward_in_place, Activation};
use crate::bias::bias_grad;
use crate::engine::Engine;
use crate::error::{check_len, element_count, KernelError};
use crate::gemm::GemmShape;

/// Shape of a dense layer: `rows` samples of `inputs` features mapped to `outputs` features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DenseShape {
    pub rows: usize,
    pub inputs: usize,
    pub outputs: usize,
}

/// Element counts of the matrices of one dense layer.
struct DenseSizes {
    x: usize,
    w: usize,
    y: usize,
}

impl DenseShape {
    /// Returns the element counts of X [rows, inputs], W [outputs, inputs] and Y [rows, outputs].
    fn sizes(&self) -> Result<DenseSizes, KernelError> {
        Ok(DenseSizes {
            x: element_count("X", self.rows, self.inputs)?,
            w: element_count("W", self.outputs, self.inputs)?,
            y: element_count("Y", self.rows, self.outputs)?,
        })
    }
}

impl Engine {
    /// Computes `Y = act(X W^T + b)` for X `[rows, inputs]`, W `[outputs, inputs]`, b
    /// `[outputs]` and Y `[rows, outputs]`.
    ///
    /// Y is written without being read. Returns `LengthMismatch` for a slice shorter than the
    /// shape needs, `SizeOverflow` for a shape whose element count overflows, and
    /// `InvalidArgument` for a bad LeakyReLU slope. Nothing is written when an error is returned.
    pub fn dense_forward(
        &self,
        x: &[f32],
        w: &[f32],
        b: &[f32],
        y: &mut [f32],
        s: DenseShape,
        act: Activation,
    ) -> Result<(), KernelError> {
        act.validate()?;
        let sizes = s.sizes()?;
        check_len("X", x.len(), sizes.x)?;
        check_len("W", w.len(), sizes.w)?;
        check_len("b", b.len(), s.outputs)?;
        check_len("Y", y.len(), sizes.y)?;

        // [rows, outputs] = [rows, inputs] * [outputs, inputs]^T
        let product = GemmShape::contiguous(s.rows, s.outputs, s.inputs, false, true, 1.0, 0.0);
        self.gemm(&product, x, w, y)?;
        add_bias_activate(act, &mut y[..sizes.y], &b[..s.outputs]);
        Ok(())
    }

    /// Computes the backward pass of `dense_forward`, given its input X, its output Y and dL/dY in `dy`.
    ///
    /// `dy` is overwritten with dL/dZ = dy * act'(Z), the gradient before the activation,
    /// computed from Y. Then `dW = dZ^T X` (dW is [outputs, inputs]), `db` = the sum over
    /// rows of dZ, and `dX = dZ W` (dX is [rows, inputs]). With `accumulate`, dW and db are
    /// added to instead of overwritten, but dX is always overwritten. Pass None for a gradient
    /// that is not needed.
    ///
    /// Returns the errors of `dense_forward`; nothing is written when an error is returned.
    #[allow(clippy::too_many_arguments)]
    pub fn dense_backward(
        &self,
        x: &[f32],
        w: &[f32],
        y: &[f32],
        dy: &mut [f32],
        dx: Option<&mut [f32]>,
        dw: Option<&mut [f32]>,
        db: Option<&mut [f32]>,
        s: DenseShape,
        act: Activation,
        accumulate: bool,
    ) -> Result<(), KernelError> {
        act.validate()?;
        let sizes = s.sizes()?;
        check_len("X", x.len(), sizes.x)?;
        check_len("W", w.len(), sizes.w)?;
        check_len("Y", y.len(), sizes.y)?;
        check_len("dY", dy.len(), sizes.y)?;
        check_optional_len("dX", &dx, sizes.x)?;
        check_optional_len("dW", &dw, sizes.w)?;
        check_optional_len("db", &db, s.outputs)?;

        let dz = &mut dy[..sizes.y]; // [rows, outputs]
        backward_in_place(act, &y[..sizes.y], dz);
        let dz: &[f32] = dz;
        let beta = if accumulate { 1.0 } else { 0.0 };
        if let Some(dw) = dw {
            // [outputs, inputs] = [rows, outputs]^T * [rows, inputs]
            let product =
                GemmShape::contiguous(s.outputs, s.inputs, s.rows, true, false, 1.0, beta);
            self.gemm(&product, dz, x, dw)?;
        }
        if let Some(db) = db {
            bias_grad(dz, db, s.rows, s.outputs, beta)?;
        }
        if let Some(dx) = dx {
            // [rows, inputs] = [rows, outputs] * [outputs, inputs]
            let product =
                GemmShape::contiguous(s.rows, s.inputs, s.outputs, false, false, 1.0, 0.0);
            self.gemm(&product, dz, w, dx)?;
        }
        Ok(())
    }
}

fn check_optional_len(
    what: &'static str,
    slice: &Option<&mut [f32]>,
    needed: usize,
) -> Result<(), KernelError> {
    match slice {
        Some(slice) => check_len(what, slice.len(), needed),
        None => Ok(()),
    }
}

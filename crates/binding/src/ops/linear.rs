//! Matrix product, bias addition and bias gradient.

use pixelgan_kernels::{add_bias as add_bias_kernel, bias_grad as bias_grad_kernel, Engine, GemmShape};

use crate::error::BindingError;
use crate::number::{finite_f32, size};
use crate::region::{borrow_regions, Borrowed, Region};

/// Unchecked numeric arguments of `matmul`, as JavaScript passed them.
pub struct MatmulArgs {
    pub m: f64,
    pub n: f64,
    pub k: f64,
    pub trans_a: bool,
    pub trans_b: bool,
    pub alpha: f64,
    pub beta: f64,
}

/// Computes C[m, n] <- alpha * op(A) * op(B) + beta * C. A is stored as [k, m] when
/// `trans_a` and as [m, k] otherwise, B as [n, k] when `trans_b` and as [k, n] otherwise.
pub fn matmul(engine: &Engine, a: Region<'_>, b: Region<'_>, c: Region<'_>, args: &MatmulArgs) -> Result<(), BindingError> {
    let m = size("m", args.m)?;
    let n = size("n", args.n)?;
    let k = size("k", args.k)?;
    let alpha = finite_f32("alpha", args.alpha)?;
    let beta = finite_f32("beta", args.beta)?;

    let a_shape = if args.trans_a { [k, m] } else { [m, k] };
    let b_shape = if args.trans_b { [n, k] } else { [k, n] };
    let a = a.take(&a_shape)?;
    let b = b.take(&b_shape)?;
    let c = c.take(&[m, n])?;

    let Borrowed { reads: [a, b], writes: [c], .. } = borrow_regions([a, b], [c], [])?;
    let shape = GemmShape::contiguous(m, n, k, args.trans_a, args.trans_b, alpha, beta);
    engine.gemm(&shape, a, b, c)?;
    Ok(())
}

/// Adds bias[c] to Y[r, c] for an [rows, cols] matrix Y.
pub fn add_bias(y: Region<'_>, bias: Region<'_>, rows: f64, cols: f64) -> Result<(), BindingError> {
    let rows = size("rows", rows)?;
    let cols = size("cols", cols)?;
    let y = y.take(&[rows, cols])?;
    let bias = bias.take(&[cols])?;

    let Borrowed { reads: [bias], writes: [y], .. } = borrow_regions([bias], [y], [])?;
    add_bias_kernel(y, bias, rows, cols)?;
    Ok(())
}

/// Computes db[c] <- beta * db[c] + sum over r of dY[r, c].
pub fn bias_grad(dy: Region<'_>, db: Region<'_>, rows: f64, cols: f64, beta: f64) -> Result<(), BindingError> {
    let rows = size("rows", rows)?;
    let cols = size("cols", cols)?;
    let beta = finite_f32("beta", beta)?;
    let dy = dy.take(&[rows, cols])?;
    let db = db.take(&[cols])?;

    let Borrowed { reads: [dy], writes: [db], .. } = borrow_regions([dy], [db], [])?;
    bias_grad_kernel(dy, db, rows, cols, beta)?;
    Ok(())
}

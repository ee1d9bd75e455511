//! Exports of the kernel operations. A tensor argument is three numbers: handle, offset and
//! length in elements (for example `a_handle, a_offset, a_length`), and handle 0 passes null
//! where a tensor is optional. Booleans are 0 or 1.

use pixelgan_binding::activation::activation_from_code;
use pixelgan_binding::ops::{activation, dense, linear, loss, optim};
use pixelgan_binding::BindingError;

use crate::state::run;

/// Converts a 0/1 flag from JavaScript.
fn flag(name: &str, value: i32) -> Result<bool, BindingError> {
    match value {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(BindingError::type_error(format!("{} must be a boolean (0 or 1), got {}", name, value))),
    }
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn pg_matmul(
    a_handle: f64, a_offset: f64, a_length: f64,
    b_handle: f64, b_offset: f64, b_length: f64,
    c_handle: f64, c_offset: f64, c_length: f64,
    m: f64, n: f64, k: f64, trans_a: i32, trans_b: i32, alpha: f64, beta: f64,
) -> i32 {
    run("matmul", |state| {
        let a = state.table.region("A", a_handle, a_offset, a_length)?;
        let b = state.table.region("B", b_handle, b_offset, b_length)?;
        let c = state.table.region("C", c_handle, c_offset, c_length)?;
        let args = linear::MatmulArgs {
            m,
            n,
            k,
            trans_a: flag("transA", trans_a)?,
            trans_b: flag("transB", trans_b)?,
            alpha,
            beta,
        };
        linear::matmul(&state.engine, a, b, c, &args).map(|()| 0.0)
    })
}

#[no_mangle]
pub extern "C" fn pg_add_bias(
    y_handle: f64, y_offset: f64, y_length: f64,
    bias_handle: f64, bias_offset: f64, bias_length: f64,
    rows: f64, cols: f64,
) -> i32 {
    run("addBias", |state| {
        let y = state.table.region("Y", y_handle, y_offset, y_length)?;
        let bias = state.table.region("bias", bias_handle, bias_offset, bias_length)?;
        linear::add_bias(y, bias, rows, cols).map(|()| 0.0)
    })
}

#[no_mangle]
pub extern "C" fn pg_bias_grad(
    dy_handle: f64, dy_offset: f64, dy_length: f64,
    db_handle: f64, db_offset: f64, db_length: f64,
    rows: f64, cols: f64, beta: f64,
) -> i32 {
    run("biasGrad", |state| {
        let dy = state.table.region("dY", dy_handle, dy_offset, dy_length)?;
        let db = state.table.region("db", db_handle, db_offset, db_length)?;
        linear::bias_grad(dy, db, rows, cols, beta).map(|()| 0.0)
    })
}

#[no_mangle]
pub extern "C" fn pg_activate(
    kind: i32, slope: f64,
    x_handle: f64, x_offset: f64, x_length: f64,
    y_handle: f64, y_offset: f64, y_length: f64,
    n: f64,
) -> i32 {
    run("activate", |state| {
        let act = activation_from_code(kind, slope)?;
        let x = state.table.region("x", x_handle, x_offset, x_length)?;
        let y = state.table.region("y", y_handle, y_offset, y_length)?;
        activation::activate(act, x, y, n).map(|()| 0.0)
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn pg_activate_backward(
    kind: i32, slope: f64,
    y_handle: f64, y_offset: f64, y_length: f64,
    dy_handle: f64, dy_offset: f64, dy_length: f64,
    dx_handle: f64, dx_offset: f64, dx_length: f64,
    n: f64,
) -> i32 {
    run("activateBackward", |state| {
        let act = activation_from_code(kind, slope)?;
        let y = state.table.region("y", y_handle, y_offset, y_length)?;
        let dy = state.table.region("dy", dy_handle, dy_offset, dy_length)?;
        let dx = state.table.region("dx", dx_handle, dx_offset, dx_length)?;
        activation::activate_backward(act, y, dy, dx, n).map(|()| 0.0)
    })
}

/// `pg_result` is the mean loss.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn pg_bce_with_logits(
    logits_handle: f64, logits_offset: f64, logits_length: f64,
    targets_handle: f64, targets_offset: f64, targets_length: f64,
    grad_handle: f64, grad_offset: f64, grad_length: f64,
    n: f64, grad_scale: f64,
) -> i32 {
    run("bceWithLogits", |state| {
        let logits = state.table.region("logits", logits_handle, logits_offset, logits_length)?;
        let targets = state.table.region("targets", targets_handle, targets_offset, targets_length)?;
        let grad = state.table.region("grad", grad_handle, grad_offset, grad_length)?;
        loss::bce_with_logits(logits, targets, grad, n, grad_scale).map(f64::from)
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn pg_adam(
    param_handle: f64, param_offset: f64, param_length: f64,
    grad_handle: f64, grad_offset: f64, grad_length: f64,
    m_handle: f64, m_offset: f64, m_length: f64,
    v_handle: f64, v_offset: f64, v_length: f64,
    n: f64, lr: f64, beta1: f64, beta2: f64, eps: f64, step: f64,
) -> i32 {
    run("adam", |state| {
        let param = state.table.region("param", param_handle, param_offset, param_length)?;
        let grad = state.table.region("grad", grad_handle, grad_offset, grad_length)?;
        let m = state.table.region("m", m_handle, m_offset, m_length)?;
        let v = state.table.region("v", v_handle, v_offset, v_length)?;
        let args = optim::AdamArgs { lr, beta1, beta2, eps, step };
        optim::adam(param, grad, m, v, n, &args).map(|()| 0.0)
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn pg_sgd(
    param_handle: f64, param_offset: f64, param_length: f64,
    grad_handle: f64, grad_offset: f64, grad_length: f64,
    velocity_handle: f64, velocity_offset: f64, velocity_length: f64,
    n: f64, lr: f64, momentum: f64,
) -> i32 {
    run("sgd", |state| {
        let param = state.table.region("param", param_handle, param_offset, param_length)?;
        let grad = state.table.region("grad", grad_handle, grad_offset, grad_length)?;
        let velocity = state.table.optional_region("velocity", velocity_handle, velocity_offset, velocity_length)?;
        optim::sgd(param, grad, velocity, n, lr, momentum).map(|()| 0.0)
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn pg_dense_forward(
    x_handle: f64, x_offset: f64, x_length: f64,
    w_handle: f64, w_offset: f64, w_length: f64,
    b_handle: f64, b_offset: f64, b_length: f64,
    y_handle: f64, y_offset: f64, y_length: f64,
    rows: f64, inputs: f64, outputs: f64, kind: i32, slope: f64,
) -> i32 {
    run("denseForward", |state| {
        let regions = [
            state.table.region("X", x_handle, x_offset, x_length)?,
            state.table.region("W", w_handle, w_offset, w_length)?,
            state.table.region("b", b_handle, b_offset, b_length)?,
            state.table.region("Y", y_handle, y_offset, y_length)?,
        ];
        let args = dense::DenseArgs { rows, inputs, outputs };
        let act = activation_from_code(kind, slope)?;
        dense::dense_forward(&state.engine, regions, &args, act).map(|()| 0.0)
    })
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn pg_dense_backward(
    x_handle: f64, x_offset: f64, x_length: f64,
    w_handle: f64, w_offset: f64, w_length: f64,
    y_handle: f64, y_offset: f64, y_length: f64,
    dy_handle: f64, dy_offset: f64, dy_length: f64,
    dx_handle: f64, dx_offset: f64, dx_length: f64,
    dw_handle: f64, dw_offset: f64, dw_length: f64,
    db_handle: f64, db_offset: f64, db_length: f64,
    rows: f64, inputs: f64, outputs: f64, kind: i32, slope: f64, accumulate: i32,
) -> i32 {
    run("denseBackward", |state| {
        let table = &state.table;
        let regions = dense::DenseBackwardRegions {
            x: table.region("X", x_handle, x_offset, x_length)?,
            w: table.region("W", w_handle, w_offset, w_length)?,
            y: table.region("Y", y_handle, y_offset, y_length)?,
            dy: table.region("dY", dy_handle, dy_offset, dy_length)?,
            dx: table.optional_region("dX", dx_handle, dx_offset, dx_length)?,
            dw: table.optional_region("dW", dw_handle, dw_offset, dw_length)?,
            db: table.optional_region("db", db_handle, db_offset, db_length)?,
        };
        let args = dense::DenseArgs { rows, inputs, outputs };
        let act = activation_from_code(kind, slope)?;
        let accumulate = flag("accumulate", accumulate)?;
        dense::dense_backward(&state.engine, regions, &args, act, accumulate).map(|()| 0.0)
    })
}

//! Entry points of the kernel operations. Each reads its arguments in JavaScript order and
//! hands them to the shared checked operation in `pixelgan_binding::ops`.

use pixelgan_binding::activation::activation_from_name;
use pixelgan_binding::ops::{activation, dense, linear, loss, optim};
use pixelgan_binding::BindingError;
use pixelgan_kernels::Activation;

use crate::call::Call;
use crate::env::JsValue;
use crate::instance::AddonState;

type EntryResult<'call> = Result<Option<JsValue<'call>>, BindingError>;

/// Reads an activation given as a kind name and a LeakyReLU slope.
fn read_activation(call: &Call<'_>, kind_index: usize) -> Result<Activation, BindingError> {
    let kind = call.name(kind_index, "activation kind")?;
    let slope = call.number(kind_index + 1, "slope")?;
    activation_from_name(&kind, slope)
}

/// `matmul(a, b, c, m, n, k, transA, transB, alpha, beta)`
pub fn matmul<'call>(call: &Call<'call>, state: &AddonState) -> EntryResult<'call> {
    call.expect_count(10)?;
    let a = call.f32_array(0, "A")?;
    let b = call.f32_array(1, "B")?;
    let c = call.f32_array(2, "C")?;
    let args = linear::MatmulArgs {
        m: call.number(3, "m")?,
        n: call.number(4, "n")?,
        k: call.number(5, "k")?,
        trans_a: call.boolean(6, "transA")?,
        trans_b: call.boolean(7, "transB")?,
        alpha: call.number(8, "alpha")?,
        beta: call.number(9, "beta")?,
    };
    linear::matmul(&*state.engine()?, a, b, c, &args)?;
    Ok(None)
}

/// `addBias(y, bias, rows, cols)`
pub fn add_bias<'call>(call: &Call<'call>, _state: &AddonState) -> EntryResult<'call> {
    call.expect_count(4)?;
    let y = call.f32_array(0, "Y")?;
    let bias = call.f32_array(1, "bias")?;
    linear::add_bias(y, bias, call.number(2, "rows")?, call.number(3, "cols")?)?;
    Ok(None)
}

/// `biasGrad(dy, db, rows, cols, beta)`
pub fn bias_grad<'call>(call: &Call<'call>, _state: &AddonState) -> EntryResult<'call> {
    call.expect_count(5)?;
    let dy = call.f32_array(0, "dY")?;
    let db = call.f32_array(1, "db")?;
    linear::bias_grad(dy, db, call.number(2, "rows")?, call.number(3, "cols")?, call.number(4, "beta")?)?;
    Ok(None)
}

/// `activate(kind, slope, x, y, n)`
pub fn activate<'call>(call: &Call<'call>, _state: &AddonState) -> EntryResult<'call> {
    call.expect_count(5)?;
    let act = read_activation(call, 0)?;
    let x = call.f32_array(2, "x")?;
    let y = call.f32_array(3, "y")?;
    activation::activate(act, x, y, call.number(4, "n")?)?;
    Ok(None)
}

/// `activateBackward(kind, slope, y, dy, dx, n)`
pub fn activate_backward<'call>(call: &Call<'call>, _state: &AddonState) -> EntryResult<'call> {
    call.expect_count(6)?;
    let act = read_activation(call, 0)?;
    let y = call.f32_array(2, "y")?;
    let dy = call.f32_array(3, "dy")?;
    let dx = call.f32_array(4, "dx")?;
    activation::activate_backward(act, y, dy, dx, call.number(5, "n")?)?;
    Ok(None)
}

/// `bceWithLogits(logits, targets, grad, n, gradScale)` returns the mean loss.
pub fn bce_with_logits<'call>(call: &Call<'call>, _state: &AddonState) -> EntryResult<'call> {
    call.expect_count(5)?;
    let logits = call.f32_array(0, "logits")?;
    let targets = call.f32_array(1, "targets")?;
    let grad = call.f32_array(2, "grad")?;
    let loss = loss::bce_with_logits(logits, targets, grad, call.number(3, "n")?, call.number(4, "gradScale")?)?;
    Ok(Some(call.env.create_f64(f64::from(loss))?))
}

/// `adam(param, grad, m, v, n, lr, beta1, beta2, eps, step)`
pub fn adam<'call>(call: &Call<'call>, _state: &AddonState) -> EntryResult<'call> {
    call.expect_count(10)?;
    let param = call.f32_array(0, "param")?;
    let grad = call.f32_array(1, "grad")?;
    let m = call.f32_array(2, "m")?;
    let v = call.f32_array(3, "v")?;
    let n = call.number(4, "n")?;
    let args = optim::AdamArgs {
        lr: call.number(5, "lr")?,
        beta1: call.number(6, "beta1")?,
        beta2: call.number(7, "beta2")?,
        eps: call.number(8, "eps")?,
        step: call.number(9, "step")?,
    };
    optim::adam(param, grad, m, v, n, &args)?;
    Ok(None)
}

/// `sgd(param, grad, velocity | null, n, lr, momentum)`
pub fn sgd<'call>(call: &Call<'call>, _state: &AddonState) -> EntryResult<'call> {
    call.expect_count(6)?;
    let param = call.f32_array(0, "param")?;
    let grad = call.f32_array(1, "grad")?;
    let velocity = call.optional_f32_array(2, "velocity")?;
    let n = call.number(3, "n")?;
    optim::sgd(param, grad, velocity, n, call.number(4, "lr")?, call.number(5, "momentum")?)?;
    Ok(None)
}

/// `denseForward(x, w, b, y, rows, inputs, outputs, kind, slope)`
pub fn dense_forward<'call>(call: &Call<'call>, state: &AddonState) -> EntryResult<'call> {
    call.expect_count(9)?;
    let regions = [call.f32_array(0, "X")?, call.f32_array(1, "W")?, call.f32_array(2, "b")?, call.f32_array(3, "Y")?];
    let args = dense::DenseArgs {
        rows: call.number(4, "rows")?,
        inputs: call.number(5, "inputs")?,
        outputs: call.number(6, "outputs")?,
    };
    let act = read_activation(call, 7)?;
    dense::dense_forward(&*state.engine()?, regions, &args, act)?;
    Ok(None)
}

/// `denseBackward(x, w, y, dy, dx | null, dw | null, db | null, rows, inputs, outputs, kind,
/// slope, accumulate)`
pub fn dense_backward<'call>(call: &Call<'call>, state: &AddonState) -> EntryResult<'call> {
    call.expect_count(13)?;
    let regions = dense::DenseBackwardRegions {
        x: call.f32_array(0, "X")?,
        w: call.f32_array(1, "W")?,
        y: call.f32_array(2, "Y")?,
        dy: call.f32_array(3, "dY")?,
        dx: call.optional_f32_array(4, "dX")?,
        dw: call.optional_f32_array(5, "dW")?,
        db: call.optional_f32_array(6, "db")?,
    };
    let args = dense::DenseArgs {
        rows: call.number(7, "rows")?,
        inputs: call.number(8, "inputs")?,
        outputs: call.number(9, "outputs")?,
    };
    let act = read_activation(call, 10)?;
    let accumulate = call.boolean(12, "accumulate")?;
    dense::dense_backward(&*state.engine()?, regions, &args, act, accumulate)?;
    Ok(None)
}

//! Dense layer against compositions of the primitive kernels and against finite differences.

mod common;

use common::{all_engines, Rng};
use pixelgan_kernels::{
    activate, activate_backward, add_bias, bias_grad, Activation, DenseShape, Engine, GemmShape,
    KernelError,
};

const ACTIVATIONS: [Activation; 5] = [
    Activation::Identity,
    Activation::Relu,
    Activation::LeakyRelu(0.1),
    Activation::Tanh,
    Activation::Sigmoid,
];

/// Shapes (rows, inputs, outputs): the 2x2 toy, odd sizes, and one that takes the packed path.
const SHAPES: [(usize, usize, usize); 4] = [(2, 2, 4), (3, 5, 7), (17, 33, 9), (40, 70, 50)];

/// Random X, W, b for a shape.
fn layer(s: DenseShape, seed: u64) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
    let mut rng = Rng::new(seed);
    (
        rng.vec(s.rows * s.inputs),
        rng.vec(s.outputs * s.inputs),
        rng.vec(s.outputs),
    )
}

/// Y = act(X W^T + b) from the public primitives.
fn composed_forward(
    engine: &Engine,
    x: &[f32],
    w: &[f32],
    b: &[f32],
    s: DenseShape,
    act: Activation,
) -> Vec<f32> {
    let mut z = vec![0.0; s.rows * s.outputs];
    let product = GemmShape::contiguous(s.rows, s.outputs, s.inputs, false, true, 1.0, 0.0);
    engine.gemm(&product, x, w, &mut z).unwrap();
    add_bias(&mut z, b, s.rows, s.outputs).unwrap();
    let mut y = vec![0.0; z.len()];
    activate(act, &z, &mut y).unwrap();
    y
}

#[test]
fn dense_forward_matches_composition() {
    for engine in all_engines() {
        for (case, &(rows, inputs, outputs)) in SHAPES.iter().enumerate() {
            let s = DenseShape {
                rows,
                inputs,
                outputs,
            };
            let (x, w, b) = layer(s, case as u64);
            for act in ACTIVATIONS {
                let expected = composed_forward(&engine, &x, &w, &b, s, act);
                // One element longer than needed: the extra one must stay NaN.
                let mut y = vec![f32::NAN; rows * outputs + 1];
                engine.dense_forward(&x, &w, &b, &mut y, s, act).unwrap();
                assert_eq!(
                    &y[..rows * outputs],
                    &expected[..],
                    "{:?} {:?} {:?}",
                    engine.level(),
                    s,
                    act
                );
                assert!(y[rows * outputs].is_nan(), "element past Y was written");
            }
        }
    }
}

/// Gradients of one backward call; None where the gradient was not requested.
struct Grads {
    dz: Vec<f32>,
    dx: Vec<f32>,
    dw: Vec<f32>,
    db: Vec<f32>,
}

/// Computes the backward pass from the public primitives, with dW and db added to `start`.
#[allow(clippy::too_many_arguments)]
fn composed_backward(
    engine: &Engine,
    x: &[f32],
    w: &[f32],
    y: &[f32],
    dy: &[f32],
    s: DenseShape,
    act: Activation,
    start: &Grads,
) -> Grads {
    let mut dz = vec![0.0; dy.len()];
    activate_backward(act, y, dy, &mut dz).unwrap();
    let mut dw = start.dw.clone();
    let dw_shape = GemmShape::contiguous(s.outputs, s.inputs, s.rows, true, false, 1.0, 1.0);
    engine.gemm(&dw_shape, &dz, x, &mut dw).unwrap();
    let mut db = start.db.clone();
    bias_grad(&dz, &mut db, s.rows, s.outputs, 1.0).unwrap();
    let mut dx = vec![0.0; s.rows * s.inputs];
    let dx_shape = GemmShape::contiguous(s.rows, s.inputs, s.outputs, false, false, 1.0, 0.0);
    engine.gemm(&dx_shape, &dz, w, &mut dx).unwrap();
    Grads { dz, dx, dw, db }
}

#[test]
fn dense_backward_matches_composition() {
    for engine in all_engines() {
        for (case, &(rows, inputs, outputs)) in SHAPES.iter().enumerate() {
            let s = DenseShape {
                rows,
                inputs,
                outputs,
            };
            let (x, w, b) = layer(s, 10 + case as u64);
            let mut rng = Rng::new(20 + case as u64);
            let dy = rng.vec(rows * outputs);
            for act in ACTIVATIONS {
                let mut y = vec![0.0; rows * outputs];
                engine.dense_forward(&x, &w, &b, &mut y, s, act).unwrap();
                for &accumulate in &[false, true] {
                    let start = Grads {
                        dz: vec![],
                        dx: vec![],
                        dw: rng.vec(outputs * inputs),
                        db: rng.vec(outputs),
                    };
                    let zero = Grads {
                        dz: vec![],
                        dx: vec![],
                        dw: vec![0.0; outputs * inputs],
                        db: vec![0.0; outputs],
                    };
                    let expected = composed_backward(
                        &engine,
                        &x,
                        &w,
                        &y,
                        &dy,
                        s,
                        act,
                        if accumulate { &start } else { &zero },
                    );
                    // Without accumulate, dW and db start as NaN, which must not leak through.
                    let fill = |v: &Vec<f32>| {
                        if accumulate {
                            v.clone()
                        } else {
                            vec![f32::NAN; v.len()]
                        }
                    };
                    let (mut dw, mut db) = (fill(&start.dw), fill(&start.db));
                    let mut dx = vec![f32::NAN; rows * inputs];
                    let mut dz = dy.clone();
                    engine
                        .dense_backward(
                            &x,
                            &w,
                            &y,
                            &mut dz,
                            Some(&mut dx),
                            Some(&mut dw),
                            Some(&mut db),
                            s,
                            act,
                            accumulate,
                        )
                        .unwrap();
                    let context = format!(
                        "{:?} {:?} {:?} accumulate {}",
                        engine.level(),
                        s,
                        act,
                        accumulate
                    );
                    assert_eq!(dz, expected.dz, "dZ {}", context);
                    assert_eq!(dx, expected.dx, "dX {}", context);
                    assert_eq!(dw, expected.dw, "dW {}", context);
                    assert_eq!(db, expected.db, "db {}", context);
                }
            }
        }
    }
}

#[test]
fn dense_backward_skips_missing_gradients() {
    let engine = Engine::new();
    let s = DenseShape {
        rows: 3,
        inputs: 4,
        outputs: 2,
    };
    let (x, w, b) = layer(s, 30);
    let mut y = vec![0.0; 6];
    engine
        .dense_forward(&x, &w, &b, &mut y, s, Activation::Tanh)
        .unwrap();
    let mut dz = vec![1.0; 6];
    engine
        .dense_backward(
            &x,
            &w,
            &y,
            &mut dz,
            None,
            None,
            None,
            s,
            Activation::Tanh,
            false,
        )
        .unwrap();
    let expected: Vec<f32> = y.iter().map(|v| 1.0 - v * v).collect();
    assert_eq!(dz, expected);
}

/// L = sum of R * Y for a fixed random R, so dL/dY = R, computed in f64 from the f32 layer.
fn loss(
    engine: &Engine,
    x: &[f32],
    w: &[f32],
    b: &[f32],
    s: DenseShape,
    act: Activation,
    r: &[f32],
) -> f64 {
    let mut y = vec![0.0; s.rows * s.outputs];
    engine.dense_forward(x, w, b, &mut y, s, act).unwrap();
    y.iter()
        .zip(r)
        .map(|(&y, &r)| f64::from(y) * f64::from(r))
        .sum()
}

/// Central difference of `loss` in the direction of element `index` of the buffer `which`.
fn numeric_grad(
    engine: &Engine,
    params: &mut [Vec<f32>; 3],
    which: usize,
    index: usize,
    s: DenseShape,
    act: Activation,
    r: &[f32],
) -> f64 {
    const STEP: f32 = 1e-2;
    let original = params[which][index];
    params[which][index] = original + STEP;
    let up = loss(engine, &params[0], &params[1], &params[2], s, act, r);
    params[which][index] = original - STEP;
    let down = loss(engine, &params[0], &params[1], &params[2], s, act, r);
    params[which][index] = original;
    (up - down) / (2.0 * f64::from(STEP))
}

#[test]
fn dense_backward_matches_finite_differences() {
    // Smooth activations only: ReLU's kink makes central differences unreliable. With step h =
    // 1e-2, the truncation error is about h^2 |f'''| ~ 1e-4 and the f32 rounding of the loss
    // about 1e-7 |L| / h ~ 1e-5, so a tolerance of 2e-3 (1 + |g|) leaves a wide margin.
    let engine = Engine::new();
    let s = DenseShape {
        rows: 3,
        inputs: 4,
        outputs: 5,
    };
    for act in [Activation::Identity, Activation::Tanh, Activation::Sigmoid] {
        let (x, w, b) = layer(s, 40);
        let r = Rng::new(41).vec(s.rows * s.outputs);
        let mut y = vec![0.0; 15];
        engine.dense_forward(&x, &w, &b, &mut y, s, act).unwrap();
        let (mut dz, mut dx, mut dw, mut db) =
            (r.clone(), vec![0.0; 12], vec![0.0; 20], vec![0.0; 5]);
        engine
            .dense_backward(
                &x,
                &w,
                &y,
                &mut dz,
                Some(&mut dx),
                Some(&mut dw),
                Some(&mut db),
                s,
                act,
                false,
            )
            .unwrap();
        let mut params = [x, w, b];
        for (which, analytic) in [(0, &dx), (1, &dw), (2, &db)] {
            for (index, &g) in analytic.iter().enumerate() {
                let numeric = numeric_grad(&engine, &mut params, which, index, s, act, &r);
                let g = f64::from(g);
                assert!(
                    (g - numeric).abs() <= 2e-3 * (1.0 + g.abs()),
                    "{:?} buffer {} [{}]: {} vs {}",
                    act,
                    which,
                    index,
                    g,
                    numeric
                );
            }
        }
    }
}

#[test]
fn dense_rejects_bad_arguments() {
    let engine = Engine::new();
    let s = DenseShape {
        rows: 2,
        inputs: 3,
        outputs: 4,
    };
    let (x, w, b) = (vec![1.0; 6], vec![1.0; 12], vec![1.0; 4]);
    let mut y = vec![9.0; 8];
    let act = Activation::Relu;
    let short = |what, expected, actual| {
        Err(KernelError::LengthMismatch {
            what,
            expected,
            actual,
        })
    };
    assert_eq!(
        engine.dense_forward(&x[..5], &w, &b, &mut y, s, act),
        short("X", 6, 5)
    );
    assert_eq!(
        engine.dense_forward(&x, &w[..11], &b, &mut y, s, act),
        short("W", 12, 11)
    );
    assert_eq!(
        engine.dense_forward(&x, &w, &b[..3], &mut y, s, act),
        short("b", 4, 3)
    );
    assert_eq!(
        engine.dense_forward(&x, &w, &b, &mut y[..7], s, act),
        short("Y", 8, 7)
    );
    let bad_slope = engine.dense_forward(&x, &w, &b, &mut y, s, Activation::LeakyRelu(1.5));
    assert!(matches!(
        bad_slope,
        Err(KernelError::InvalidArgument { .. })
    ));
    let huge = DenseShape {
        rows: usize::MAX,
        inputs: 2,
        outputs: 1,
    };
    assert!(matches!(
        engine.dense_forward(&x, &w, &b, &mut y, huge, act),
        Err(KernelError::SizeOverflow { .. })
    ));
    assert_eq!(y, vec![9.0; 8], "Y changed although every call failed");

    let mut dy = vec![5.0; 8];
    let (mut dx, mut dw, mut db) = (vec![0.0; 6], vec![0.0; 12], vec![0.0; 4]);
    let cases: [(&str, Result<(), KernelError>); 5] = [
        (
            "Y",
            engine.dense_backward(&x, &w, &y[..7], &mut dy, None, None, None, s, act, false),
        ),
        (
            "dX",
            engine.dense_backward(
                &x,
                &w,
                &y,
                &mut dy,
                Some(&mut dx[..5]),
                None,
                None,
                s,
                act,
                false,
            ),
        ),
        (
            "dW",
            engine.dense_backward(
                &x,
                &w,
                &y,
                &mut dy,
                Some(&mut dx),
                Some(&mut dw[..11]),
                None,
                s,
                act,
                false,
            ),
        ),
        (
            "db",
            engine.dense_backward(
                &x,
                &w,
                &y,
                &mut dy,
                Some(&mut dx),
                Some(&mut dw),
                Some(&mut db[..3]),
                s,
                act,
                false,
            ),
        ),
        (
            "dY",
            engine.dense_backward(&x, &w, &y, &mut dy[..7], None, None, None, s, act, false),
        ),
    ];
    for (what, result) in cases.iter() {
        assert!(
            matches!(result, Err(KernelError::LengthMismatch { what: w, .. }) if w == what),
            "{}: {:?}",
            what,
            result
        );
    }
    assert_eq!(dy, vec![5.0; 8], "dY changed although every call failed");
}

#[test]
fn bias_kernels_match_loops() {
    let mut rng = Rng::new(50);
    let (rows, cols) = (5, 7);
    let dy = rng.vec(rows * cols + 3);
    let bias = rng.vec(cols);
    let mut y = dy.clone();
    add_bias(&mut y, &bias, rows, cols).unwrap();
    for i in 0..dy.len() {
        let expected = if i < rows * cols {
            dy[i] + bias[i % cols]
        } else {
            dy[i]
        };
        assert_eq!(y[i], expected, "y[{}]", i);
    }

    for &beta in &[0.0f32, 1.0, 0.5] {
        let start = rng.vec(cols + 1);
        let mut db: Vec<f32> = if beta == 0.0 {
            vec![f32::NAN; cols + 1]
        } else {
            start.clone()
        };
        bias_grad(&dy, &mut db, rows, cols, beta).unwrap();
        for c in 0..cols {
            let sum: f64 = (0..rows).map(|r| f64::from(dy[r * cols + c])).sum();
            let expected = if beta == 0.0 {
                sum
            } else {
                f64::from(beta) * f64::from(start[c]) + sum
            };
            assert!(
                (f64::from(db[c]) - expected).abs() < 1e-6,
                "beta {} db[{}] = {} expected {}",
                beta,
                c,
                db[c],
                expected
            );
        }
        assert!(
            db[cols].is_nan() || db[cols] == start[cols],
            "element past db was written"
        );
    }
}

#[test]
fn bias_kernels_reject_bad_arguments() {
    let (rows, cols) = (5, 7);
    let (dy, bias, mut y) = (
        vec![1.0; rows * cols],
        vec![1.0; cols],
        vec![1.0; rows * cols],
    );
    assert!(matches!(
        add_bias(&mut y, &bias[..6], rows, cols),
        Err(KernelError::LengthMismatch { what: "bias", .. })
    ));
    assert!(matches!(
        add_bias(&mut y[..30], &bias, rows, cols),
        Err(KernelError::LengthMismatch { what: "y", .. })
    ));
    assert!(matches!(
        add_bias(&mut y, &bias, usize::MAX, 2),
        Err(KernelError::SizeOverflow { .. })
    ));

    let mut db = vec![0.0; cols];
    assert!(matches!(
        bias_grad(&dy, &mut db[..6], rows, cols, 0.0),
        Err(KernelError::LengthMismatch { what: "db", .. })
    ));
    assert!(matches!(
        bias_grad(&dy, &mut db, rows, cols, f32::NAN),
        Err(KernelError::InvalidArgument { what: "beta", .. })
    ));

    assert!(add_bias(&mut [], &[], 3, 0).is_ok());
    assert!(bias_grad(&[], &mut [], 3, 0, 0.0).is_ok());
}

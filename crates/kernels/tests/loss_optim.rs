//! Binary cross-entropy and the optimizer steps against hand-written references.

use pixelgan_kernels::{adam, bce_with_logits, sgd, AdamParams, KernelError};

/// Loss of one logit, computed naively in f64; fine for |l| well below 700.
fn naive_bce(l: f64, t: f64) -> f64 {
    let p = 1.0 / (1.0 + (-l).exp());
    -(t * p.ln() + (1.0 - t) * (1.0 - p).ln())
}

#[test]
fn bce_matches_naive_formula() {
    let logits = [-3.0f32, -0.5, 0.0, 0.25, 2.0, 7.5];
    let targets = [0.0f32, 1.0, 0.5, 0.9, 1.0, 0.0];
    let mut grad = [f32::NAN; 6];
    let loss = bce_with_logits(&logits, &targets, &mut grad, 2.0).unwrap();
    let n = logits.len() as f64;
    let expected: f64 = logits
        .iter()
        .zip(&targets)
        .map(|(&l, &t)| naive_bce(l.into(), t.into()))
        .sum::<f64>()
        / n;
    assert!(
        (f64::from(loss) - expected).abs() <= 1e-6 * expected,
        "loss {} expected {}",
        loss,
        expected
    );
    for i in 0..6 {
        // d/dl of 2 * mean loss, by central differences of the f64 formula.
        let (l, t, h) = (f64::from(logits[i]), f64::from(targets[i]), 1e-5);
        let slope = 2.0 * (naive_bce(l + h, t) - naive_bce(l - h, t)) / (2.0 * h) / n;
        assert!(
            (f64::from(grad[i]) - slope).abs() <= 1e-6,
            "grad[{}] = {} expected {}",
            i,
            grad[i],
            slope
        );
    }
}

#[test]
fn bce_stable_for_huge_logits() {
    let logits = [1e4f32, 1e4, -1e4, -1e4];
    let targets = [1.0f32, 0.0, 0.0, 1.0];
    let mut grad = [0.0; 4];
    let loss = bce_with_logits(&logits, &targets, &mut grad, 1.0).unwrap();
    // Per-element losses 0, 1e4, 0, 1e4, so the mean is 5e3.
    assert_eq!(loss, 5e3);
    assert_eq!(grad, [0.0, 0.25, 0.0, -0.25]);
}

#[test]
fn bce_empty_and_errors() {
    assert_eq!(bce_with_logits(&[], &[], &mut [], 1.0), Ok(0.0));
    let mut grad = [7.0; 2];
    let short = bce_with_logits(&[0.0; 2], &[0.0; 1], &mut grad, 1.0);
    assert_eq!(
        short,
        Err(KernelError::LengthNotEqual {
            what: "targets",
            other: "logits",
            expected: 2,
            actual: 1
        })
    );
    let short_grad = bce_with_logits(&[0.0; 2], &[0.0; 2], &mut grad[..1], 1.0);
    assert!(matches!(
        short_grad,
        Err(KernelError::LengthNotEqual { what: "grad", .. })
    ));
    let bad_scale = bce_with_logits(&[0.0; 2], &[0.0; 2], &mut grad, f32::NAN);
    assert!(matches!(
        bad_scale,
        Err(KernelError::InvalidArgument {
            what: "grad_scale",
            ..
        })
    ));
    assert_eq!(grad, [7.0; 2], "grad changed although the call failed");
}

fn adam_params(step: u32) -> AdamParams {
    AdamParams {
        lr: 0.1,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        step,
    }
}

#[test]
fn adam_first_step_by_hand() {
    // m = 0.1 g, v = 0.001 g^2, step size = 0.1 * sqrt(0.001) / 0.1, so the update is
    // 0.1 * sign(g) * |g| / (|g| + eps / sqrt(0.001)): 0.1 * sign(g) up to eps.
    let mut param = [1.0f32, -2.0, 0.5];
    let grad = [0.5f32, -0.1, 0.0];
    let (mut m, mut v) = ([0.0f32; 3], [0.0f32; 3]);
    adam(&mut param, &grad, &mut m, &mut v, &adam_params(1)).unwrap();
    assert!((param[0] - 0.9).abs() < 1e-6, "{:?}", param);
    assert!((param[1] + 1.9).abs() < 1e-6, "{:?}", param);
    assert_eq!(param[2], 0.5);
    // 1 - 0.999 rounded to f32 is off by up to 2^-24 / 0.001, about 6e-5 relative, and
    // 1 - 0.9 by about 6e-7 relative.
    assert!((m[0] - 0.05).abs() < 0.05 * 1e-6, "m {:?}", m);
    assert!((v[0] - 0.00025).abs() < 0.00025 * 1e-4, "v {:?}", v);
}

#[test]
fn adam_matches_f64_reference_over_steps() {
    let mut param = [0.3f32, -0.7, 1.5, 0.0];
    let (mut m, mut v) = ([0.0f32; 4], [0.0f32; 4]);
    let mut reference: Vec<(f64, f64, f64)> =
        param.iter().map(|&p| (f64::from(p), 0.0, 0.0)).collect();
    for step in 1..=20u32 {
        let grad: Vec<f32> = param.iter().map(|&p| 2.0 * p - 0.25).collect();
        adam(&mut param, &grad, &mut m, &mut v, &adam_params(step)).unwrap();
        let size =
            0.1 * (1.0 - 0.999f64.powi(step as i32)).sqrt() / (1.0 - 0.9f64.powi(step as i32));
        for (r, &g) in reference.iter_mut().zip(&grad) {
            let g = f64::from(g);
            r.1 = 0.9 * r.1 + 0.1 * g;
            r.2 = 0.999 * r.2 + 0.001 * g * g;
            r.0 -= size * r.1 / (r.2.sqrt() + 1e-8);
        }
        for (i, r) in reference.iter().enumerate() {
            assert!(
                (f64::from(param[i]) - r.0).abs() < 1e-5,
                "step {} param {}: {} vs {}",
                step,
                i,
                param[i],
                r.0
            );
        }
    }
}

#[test]
fn adam_rejects_bad_arguments() {
    let mut param = [1.0f32; 2];
    let (mut m, mut v) = ([0.0f32; 2], [0.0f32; 2]);
    let short = adam(&mut param, &[0.0; 1], &mut m, &mut v, &adam_params(1));
    assert_eq!(
        short,
        Err(KernelError::LengthNotEqual {
            what: "grad",
            other: "param",
            expected: 2,
            actual: 1
        })
    );
    assert!(matches!(
        adam(&mut param, &[0.0; 2], &mut m[..1], &mut v, &adam_params(1)),
        Err(KernelError::LengthNotEqual { what: "m", .. })
    ));
    assert!(matches!(
        adam(&mut param, &[0.0; 2], &mut m, &mut v[..1], &adam_params(1)),
        Err(KernelError::LengthNotEqual { what: "v", .. })
    ));
    let bad = [
        ("Adam step", adam_params(0)),
        (
            "beta1",
            AdamParams {
                beta1: 1.0,
                ..adam_params(1)
            },
        ),
        (
            "beta2",
            AdamParams {
                beta2: -0.1,
                ..adam_params(1)
            },
        ),
        (
            "lr",
            AdamParams {
                lr: f32::NAN,
                ..adam_params(1)
            },
        ),
        (
            "eps",
            AdamParams {
                eps: -1e-8,
                ..adam_params(1)
            },
        ),
        (
            "eps",
            AdamParams {
                eps: f32::INFINITY,
                ..adam_params(1)
            },
        ),
    ];
    for (what, p) in bad.iter() {
        let error = adam(&mut param, &[1.0; 2], &mut m, &mut v, p).unwrap_err();
        assert!(
            matches!(error, KernelError::InvalidArgument { what: w, .. } if w == *what),
            "{:?} for {:?}",
            error,
            p
        );
    }
    assert_eq!(
        (param, m, v),
        ([1.0; 2], [0.0; 2], [0.0; 2]),
        "state changed although every call failed"
    );
}

#[test]
fn sgd_plain_and_momentum_by_hand() {
    let mut param = [1.0f32, 2.0];
    sgd(&mut param, &[0.5, -1.0], None, 0.1, 0.0).unwrap();
    assert_eq!(param, [0.95, 2.1]);

    let mut param = [1.0f32, 2.0];
    let mut velocity = [0.5f32, 0.0];
    // velocity <- 0.9 * [0.5, 0] + [1, -2] = [1.45, -2]; param <- param - 0.1 * velocity.
    sgd(&mut param, &[1.0, -2.0], Some(&mut velocity), 0.1, 0.9).unwrap();
    assert_eq!(velocity, [1.45, -2.0]);
    assert!((param[0] - 0.855).abs() < 1e-7, "{:?}", param);
    assert!((param[1] - 2.2).abs() < 1e-7, "{:?}", param);

    // With momentum 0 the velocity buffer is left alone.
    sgd(&mut param, &[0.0, 0.0], Some(&mut velocity), 0.1, 0.0).unwrap();
    assert_eq!(velocity, [1.45, -2.0]);
}

#[test]
fn sgd_rejects_bad_arguments() {
    let mut param = [1.0f32; 2];
    let missing = sgd(&mut param, &[1.0; 2], None, 0.1, 0.9).unwrap_err();
    assert!(matches!(
        missing,
        KernelError::InvalidArgument {
            what: "velocity",
            ..
        }
    ));
    assert!(
        missing
            .to_string()
            .contains("momentum 0.9 needs a velocity buffer"),
        "{}",
        missing
    );
    assert!(matches!(
        sgd(&mut param, &[1.0; 3], None, 0.1, 0.0),
        Err(KernelError::LengthNotEqual { what: "grad", .. })
    ));
    let mut velocity = [0.0f32; 1];
    assert!(matches!(
        sgd(&mut param, &[1.0; 2], Some(&mut velocity), 0.1, 0.9),
        Err(KernelError::LengthNotEqual {
            what: "velocity",
            ..
        })
    ));
    assert!(matches!(
        sgd(&mut param, &[1.0; 2], None, f32::NAN, 0.0),
        Err(KernelError::InvalidArgument { what: "lr", .. })
    ));
    assert!(matches!(
        sgd(&mut param, &[1.0; 2], None, 0.1, f32::INFINITY),
        Err(KernelError::InvalidArgument {
            what: "momentum",
            ..
        })
    ));
    assert_eq!(param, [1.0; 2]);
}

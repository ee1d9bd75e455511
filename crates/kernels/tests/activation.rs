//! Activations and their derivatives against f64 references.

mod common;

use common::Rng;
use pixelgan_kernels::{
    activate, activate_backward, activate_backward_in_place, activate_in_place, Activation,
    KernelError,
};

const ALL: [Activation; 5] = [
    Activation::Identity,
    Activation::Relu,
    Activation::LeakyRelu(0.2),
    Activation::Tanh,
    Activation::Sigmoid,
];

fn reference(act: Activation, x: f64) -> f64 {
    match act {
        Activation::Identity => x,
        Activation::Relu => x.max(0.0),
        Activation::LeakyRelu(slope) => {
            if x > 0.0 {
                x
            } else {
                f64::from(slope) * x
            }
        }
        Activation::Tanh => x.tanh(),
        Activation::Sigmoid => 1.0 / (1.0 + (-x).exp()),
    }
}

/// Inputs: a dense grid over [-20, 20], values near the tanh series switch at 0.4, tiny and
/// huge magnitudes, signed zeros and infinities.
fn test_inputs() -> Vec<f32> {
    let mut x: Vec<f32> = (0..=40_000).map(|i| -20.0 + i as f32 * 1e-3).collect();
    x.extend_from_slice(&[
        0.0,
        -0.0,
        1e-30,
        -1e-30,
        1e-6,
        -1e-6,
        0.399_999_98,
        0.4,
        0.400_000_04,
    ]);
    x.extend_from_slice(&[
        87.0,
        -87.0,
        88.0,
        -88.0,
        90.0,
        -90.0,
        1e4,
        -1e4,
        f32::MAX,
        f32::MIN,
    ]);
    x.extend_from_slice(&[f32::INFINITY, f32::NEG_INFINITY]);
    x
}

/// Returns the spacing of f32 values at the magnitude of `value`.
fn ulp(value: f64) -> f64 {
    let magnitude = (value.abs() as f32).max(f32::MIN_POSITIVE);
    f64::from(f32::from_bits(magnitude.to_bits() + 1) - magnitude)
}

#[test]
fn activate_matches_reference_within_ulps() {
    // The approximations promise 4 ulp for tanh and 3 ulp for the logistic function. The
    // others are exact, up to the one rounding of slope * x.
    let x = test_inputs();
    for &(act, max_ulps) in &[
        (ALL[0], 0.0),
        (ALL[1], 0.0),
        (ALL[2], 0.5),
        (ALL[3], 4.0),
        (ALL[4], 3.0),
    ] {
        let mut y = vec![f32::NAN; x.len()];
        activate(act, &x, &mut y).unwrap();
        for (&input, &output) in x.iter().zip(&y) {
            let expected = reference(act, f64::from(input));
            let error = (f64::from(output) - expected).abs();
            // Results below the smallest normal f32 may be flushed to zero.
            let subnormal = expected.abs() < f64::from(f32::MIN_POSITIVE)
                && error < f64::from(f32::MIN_POSITIVE);
            assert!(
                f64::from(output) == expected || error <= max_ulps * ulp(expected) || subnormal,
                "{:?}({}) = {} but expected {} ({} ulp)",
                act,
                input,
                output,
                expected,
                error / ulp(expected)
            );
        }
    }
}

#[test]
fn activate_keeps_nan() {
    for act in ALL {
        let mut y = [0.0; 3];
        activate(act, &[f32::NAN, 1.0, -1.0], &mut y).unwrap();
        assert!(y[0].is_nan(), "{:?} turned NaN into {}", act, y[0]);
        let mut dx = [0.0; 1];
        activate_backward(act, &[f32::NAN], &[1.0], &mut dx).unwrap();
        if act != Activation::Identity {
            assert!(
                dx[0].is_nan(),
                "{:?} backward turned NaN y into {}",
                act,
                dx[0]
            );
        }
    }
}

#[test]
fn activate_in_place_matches_activate() {
    let x = Rng::new(3)
        .vec(1001)
        .iter()
        .map(|v| v * 6.0)
        .collect::<Vec<_>>();
    for act in ALL {
        let mut y = vec![0.0; x.len()];
        activate(act, &x, &mut y).unwrap();
        let mut in_place = x.clone();
        activate_in_place(act, &mut in_place);
        assert_eq!(y, in_place, "{:?}", act);
    }
}

#[test]
fn activate_backward_uses_output_derivative() {
    let mut rng = Rng::new(5);
    let x: Vec<f32> = rng.vec(999).iter().map(|v| v * 4.0).collect();
    let dy = rng.vec(999);
    for act in ALL {
        let mut y = vec![0.0; x.len()];
        activate(act, &x, &mut y).unwrap();
        let mut dx = vec![f32::NAN; x.len()];
        activate_backward(act, &y, &dy, &mut dx).unwrap();
        for i in 0..x.len() {
            let (yi, gi) = (f64::from(y[i]), f64::from(dy[i]));
            let expected = match act {
                Activation::Identity => gi,
                Activation::Relu => {
                    if yi > 0.0 {
                        gi
                    } else {
                        0.0
                    }
                }
                Activation::LeakyRelu(slope) => {
                    if yi > 0.0 {
                        gi
                    } else {
                        f64::from(slope) * gi
                    }
                }
                Activation::Tanh => gi * (1.0 - yi * yi),
                Activation::Sigmoid => gi * yi * (1.0 - yi),
            };
            // Two or three f32 roundings of values at most |dy|.
            assert!(
                (f64::from(dx[i]) - expected).abs() <= 4.0 * ulp(gi),
                "{:?} at y = {}",
                act,
                yi
            );
        }
        let mut in_place = dy.clone();
        activate_backward_in_place(act, &y, &mut in_place).unwrap();
        assert_eq!(in_place, dx, "{:?} in place", act);
    }
}

#[test]
fn activate_rejects_bad_lengths() {
    let mut y = [0.0; 3];
    let error = activate(Activation::Relu, &[1.0; 4], &mut y).unwrap_err();
    assert_eq!(
        error,
        KernelError::LengthNotEqual {
            what: "y",
            other: "x",
            expected: 4,
            actual: 3
        }
    );
    assert_eq!(
        error.to_string(),
        "y has 3 elements but must have 4, the length of x"
    );
    let backward = activate_backward(Activation::Tanh, &[0.0; 3], &[0.0; 2], &mut y);
    assert!(matches!(
        backward,
        Err(KernelError::LengthNotEqual { what: "dy", .. })
    ));
    let backward = activate_backward(Activation::Tanh, &[0.0; 3], &[0.0; 3], &mut [0.0; 4]);
    assert!(matches!(
        backward,
        Err(KernelError::LengthNotEqual { what: "dx", .. })
    ));
    let in_place = activate_backward_in_place(Activation::Tanh, &[0.0; 3], &mut [0.0; 2]);
    assert!(matches!(
        in_place,
        Err(KernelError::LengthNotEqual { what: "dy_dx", .. })
    ));
}

#[test]
fn activate_rejects_bad_slope() {
    for &slope in &[1.0, -0.1, f32::NAN, f32::INFINITY] {
        let act = Activation::LeakyRelu(slope);
        let mut y = [5.0; 2];
        let error = activate(act, &[-1.0, 1.0], &mut y).unwrap_err();
        assert!(
            matches!(
                error,
                KernelError::InvalidArgument {
                    what: "LeakyReLU slope",
                    ..
                }
            ),
            "{:?}",
            error
        );
        assert!(
            error.to_string().contains(&format!("got {}", slope)),
            "{}",
            error
        );
        assert_eq!(y, [5.0; 2], "y changed although the call failed");
        assert!(activate_backward(act, &[1.0], &[1.0], &mut [0.0]).is_err());
        assert!(activate_backward_in_place(act, &[1.0], &mut [0.0]).is_err());
        assert!(act.validate().is_err());
    }
    assert!(Activation::LeakyRelu(0.0).validate().is_ok());
}

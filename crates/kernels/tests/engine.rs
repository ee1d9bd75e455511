//! Engine construction, SIMD level selection and error messages.

use pixelgan_kernels::{Engine, KernelError, SimdLevel};

#[test]
fn engine_levels_start_with_scalar() {
    let levels = Engine::available_levels();
    assert_eq!(levels.first(), Some(&SimdLevel::Scalar));
    assert_eq!(Engine::new().level(), *levels.last().unwrap());
    for level in SimdLevel::ALL {
        let engine = Engine::with_level(level);
        if levels.contains(&level) {
            assert_eq!(engine.unwrap().level(), level);
        } else {
            assert_eq!(engine.unwrap_err(), KernelError::LevelUnavailable(level));
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[test]
fn engine_detects_x86_levels() {
    let levels = Engine::available_levels();
    let avx2 = is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma");
    assert_eq!(levels.contains(&SimdLevel::Avx2Fma), avx2);
    assert!(!levels.contains(&SimdLevel::Neon));
    assert!(!levels.contains(&SimdLevel::Simd128));
}

#[test]
fn engine_threads_at_least_one() {
    let mut engine = Engine::new();
    assert!(engine.threads() >= 1);
    engine.set_threads(0);
    assert_eq!(engine.threads(), 1);
    engine.set_threads(3);
    assert_eq!(engine.threads(), 3);
    engine.set_min_work_per_thread(0);
    assert_eq!(engine.min_work_per_thread(), 1);
}

#[test]
fn simd_level_names_round_trip() {
    for level in SimdLevel::ALL {
        assert_eq!(level.name().parse::<SimdLevel>(), Ok(level));
        assert_eq!(level.name().to_uppercase().parse::<SimdLevel>(), Ok(level));
        assert_eq!(level.to_string(), level.name());
    }
    let error = "sse9".parse::<SimdLevel>().unwrap_err();
    assert!(error.to_string().contains("got \"sse9\""), "{}", error);
}

#[test]
fn error_messages_name_value_and_expectation() {
    let short = KernelError::LengthMismatch {
        what: "W",
        expected: 589_824,
        actual: 100,
    };
    assert_eq!(
        short.to_string(),
        "W has 100 elements but its shape needs at least 589824; pass a longer slice or a smaller shape"
    );
    let overflow = KernelError::SizeOverflow {
        what: "A",
        rows: usize::MAX,
        cols: 2,
    };
    assert!(
        overflow
            .to_string()
            .starts_with(&format!("A with {} rows of stride 2", usize::MAX)),
        "{}",
        overflow
    );
    let invalid = KernelError::InvalidArgument {
        what: "beta1",
        reason: String::from("must be in [0, 1), got 1"),
    };
    assert_eq!(
        invalid.to_string(),
        "invalid beta1: must be in [0, 1), got 1"
    );
    let unavailable = KernelError::LevelUnavailable(SimdLevel::Neon).to_string();
    assert!(
        unavailable.starts_with("SIMD level neon is not available"),
        "{}",
        unavailable
    );
}

#[test]
fn engine_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Engine>();
    assert_send_sync::<KernelError>();
}

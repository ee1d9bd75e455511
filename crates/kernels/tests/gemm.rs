//! Matrix multiply against an f64 reference, at every SIMD level this machine supports.

mod common;

use common::{all_engines, assert_gemm_close, reference_gemm, strided_len, Rng};
use pixelgan_kernels::{Engine, GemmShape, KernelError};

/// Shapes (m, n, k): empty, single elements, odd and prime sizes that are not multiples of
/// any vector width or tile, sizes that cross the kc = 256, mc and nc = 512 block edges, and
/// the 768-wide layer.
const SHAPES: &[(usize, usize, usize)] = &[
    (0, 0, 0),
    (0, 5, 3),
    (4, 0, 3),
    (3, 4, 0),
    (1, 1, 1),
    (2, 2, 2),
    (1, 17, 5),
    (7, 1, 9),
    (5, 3, 1),
    (13, 17, 19),
    (31, 37, 41),
    (33, 65, 32),
    (6, 16, 300),
    (8, 32, 257),
    (47, 95, 263),
    (97, 33, 61),
    (131, 529, 67),
    (64, 768, 70),
];

/// Larger shapes, run with one choice of alpha and beta per transpose form.
const LARGE_SHAPES: &[(usize, usize, usize)] = &[(64, 768, 768), (200, 130, 530), (517, 41, 300)];

/// Row-stride padding added to each matrix in the strided cases.
const PAD: usize = 3;

/// Runs every engine on one random case and checks each result against the reference, which
/// is computed once. Every matrix gets `pad` extra elements per row, and C is filled with NaN
/// when beta = 0.
fn check_case(
    engines: &[Engine],
    dims: (usize, usize, usize),
    trans: (bool, bool),
    alpha: f32,
    beta: f32,
    pad: usize,
    seed: u64,
) {
    let (m, n, k) = dims;
    let mut s = GemmShape::contiguous(m, n, k, trans.0, trans.1, alpha, beta);
    s.lda += pad;
    s.ldb += pad;
    s.ldc += pad;
    let (a_rows, b_rows) = (if trans.0 { k } else { m }, if trans.1 { n } else { k });
    let mut rng = Rng::new(seed);
    let a = rng.vec(strided_len(a_rows, s.lda, s.lda));
    let b = rng.vec(strided_len(b_rows, s.ldb, s.ldb));
    let mut before = rng.vec(strided_len(m, s.ldc, s.ldc) + pad);
    if beta == 0.0 {
        before.iter_mut().for_each(|x| *x = f32::NAN);
    }
    let expected = reference_gemm(&s, &a, &b, &before);
    for engine in engines {
        let mut c = before.clone();
        engine.gemm(&s, &a, &b, &mut c).expect("valid shape");
        let context = format!(
            "{:?} {:?} trans {:?} alpha {} beta {} pad {}",
            engine.level(),
            dims,
            trans,
            alpha,
            beta,
            pad
        );
        assert_gemm_close(&s, &c, &before, &expected, &context);
    }
}

const TRANSPOSES: [(bool, bool); 4] = [(false, false), (false, true), (true, false), (true, true)];

/// Largest m * n * k that gets every combination of alpha and beta; larger shapes get two,
/// which keeps the unoptimized test build fast.
const FULL_SWEEP_MAX_WORK: usize = 70_000;

#[test]
fn gemm_matches_reference_small_shapes() {
    let engines = all_engines();
    for (case, &(m, n, k)) in SHAPES.iter().enumerate() {
        let scalars: &[(f32, f32)] = if m * n * k <= FULL_SWEEP_MAX_WORK {
            &[
                (0.0, 0.0),
                (0.0, 1.0),
                (0.0, 0.5),
                (1.0, 0.0),
                (1.0, 1.0),
                (1.0, 0.5),
                (-0.75, 0.0),
                (-0.75, 1.0),
                (-0.75, 0.5),
            ]
        } else {
            &[(1.0, 0.0), (-0.75, 0.5)]
        };
        for &trans in &TRANSPOSES {
            for &(alpha, beta) in scalars {
                check_case(&engines, (m, n, k), trans, alpha, beta, 0, case as u64);
            }
        }
    }
}

#[test]
fn gemm_matches_reference_strided() {
    let engines = all_engines();
    for (case, &dims) in SHAPES.iter().enumerate() {
        for &trans in &TRANSPOSES {
            check_case(&engines, dims, trans, 1.25, 0.0, PAD, 100 + case as u64);
            check_case(&engines, dims, trans, 1.0, -2.0, PAD, 200 + case as u64);
        }
    }
}

#[test]
fn gemm_matches_reference_large_shapes() {
    let engines = all_engines();
    for (case, &dims) in LARGE_SHAPES.iter().enumerate() {
        for &trans in &TRANSPOSES {
            check_case(&engines, dims, trans, 0.5, 0.0, 0, 300 + case as u64);
        }
        let seed = 400 + case as u64;
        check_case(&engines, dims, (false, true), 1.0, 1.0, PAD, seed);
    }
}

#[test]
fn gemm_thread_count_does_not_change_result() {
    let mut rng = Rng::new(7);
    for mut engine in all_engines() {
        // Every product is split, so that the splits (by rows when m > n, by columns
        // otherwise, with uneven last parts) are tested at sizes the unoptimized build runs fast.
        engine.set_min_work_per_thread(1);
        for &(m, n, k) in &[
            (64, 200, 70),
            (300, 40, 50),
            (37, 1000, 9),
            (1, 300, 20),
            (129, 130, 3),
        ] {
            for &trans in &TRANSPOSES {
                let s = GemmShape::contiguous(m, n, k, trans.0, trans.1, 1.0, 0.0);
                let a = rng.vec(m * k);
                let b = rng.vec(k * n);
                engine.set_threads(1);
                let mut single = vec![0.0; m * n];
                engine.gemm(&s, &a, &b, &mut single).unwrap();
                for &threads in &[2, 3, 7, 1000] {
                    engine.set_threads(threads);
                    let mut multi = vec![f32::NAN; m * n];
                    engine.gemm(&s, &a, &b, &mut multi).unwrap();
                    let same = single
                        .iter()
                        .zip(&multi)
                        .all(|(x, y)| x.to_bits() == y.to_bits());
                    assert!(
                        same,
                        "{:?} {} threads differ from 1 thread for {:?}",
                        engine.level(),
                        threads,
                        s
                    );
                }
            }
        }
    }
}

#[test]
fn gemm_default_threshold_splits_large_products() {
    // 192 x 768 x 512 is above the default minimum work for two threads.
    let (m, n, k) = (192, 768, 512);
    let mut engine = Engine::new();
    assert!(m * n * k >= 2 * engine.min_work_per_thread());
    let s = GemmShape::contiguous(m, n, k, false, true, 1.0, 0.0);
    let mut rng = Rng::new(8);
    let (a, b) = (rng.vec(m * k), rng.vec(n * k));
    engine.set_threads(1);
    let mut single = vec![0.0; m * n];
    engine.gemm(&s, &a, &b, &mut single).unwrap();
    engine.set_threads(2);
    let mut multi = vec![f32::NAN; m * n];
    engine.gemm(&s, &a, &b, &mut multi).unwrap();
    assert_eq!(single, multi);
}

#[test]
fn gemm_engine_shared_between_threads() {
    let engine = Engine::new();
    let s = GemmShape::contiguous(96, 200, 150, false, true, 1.0, 0.0);
    let mut rng = Rng::new(11);
    let (a, b) = (rng.vec(96 * 150), rng.vec(200 * 150));
    let mut expected = vec![0.0; 96 * 200];
    engine.gemm(&s, &a, &b, &mut expected).unwrap();
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for _ in 0..5 {
                    let mut c = vec![0.0; 96 * 200];
                    engine.gemm(&s, &a, &b, &mut c).unwrap();
                    assert_eq!(c, expected);
                }
            });
        }
    });
}

#[test]
fn gemm_alpha_zero_ignores_nan_in_a() {
    for engine in all_engines() {
        let s = GemmShape::contiguous(40, 50, 60, false, false, 0.0, 2.0);
        let a = vec![f32::NAN; 40 * 60];
        let b = vec![1.0; 60 * 50];
        let mut c = vec![1.5; 40 * 50];
        engine.gemm(&s, &a, &b, &mut c).unwrap();
        assert!(
            c.iter().all(|&x| x == 3.0),
            "{:?}: alpha = 0 read A",
            engine.level()
        );
    }
}

#[test]
fn gemm_rejects_short_slices() {
    let engine = Engine::new();
    let s = GemmShape::contiguous(4, 5, 6, false, false, 1.0, 0.0);
    let (a, b, mut c) = (vec![0.0; 24], vec![0.0; 30], vec![7.0; 20]);
    let short_a = engine.gemm(&s, &a[..23], &b, &mut c);
    assert_eq!(
        short_a,
        Err(KernelError::LengthMismatch {
            what: "A",
            expected: 24,
            actual: 23
        })
    );
    let short_b = engine.gemm(&s, &a, &b[..29], &mut c);
    assert_eq!(
        short_b,
        Err(KernelError::LengthMismatch {
            what: "B",
            expected: 30,
            actual: 29
        })
    );
    let short_c = engine.gemm(&s, &a, &b, &mut c[..19]);
    assert_eq!(
        short_c,
        Err(KernelError::LengthMismatch {
            what: "C",
            expected: 20,
            actual: 19
        })
    );
    assert!(
        c.iter().all(|&x| x == 7.0),
        "C changed although the call failed"
    );

    // A strided C needs (m - 1) * ldc + n elements, not m * ldc.
    let mut strided = s;
    strided.ldc = 9;
    let mut c = vec![0.0; 3 * 9 + 5];
    assert_eq!(engine.gemm(&strided, &a, &b, &mut c), Ok(()));
    assert!(engine.gemm(&strided, &a, &b, &mut c[..3 * 9 + 4]).is_err());
}

#[test]
fn gemm_rejects_overflowing_sizes() {
    let engine = Engine::new();
    let huge = usize::MAX / 2;
    let cases = [
        GemmShape::contiguous(huge, 4, 3, false, false, 1.0, 0.0),
        GemmShape::contiguous(3, huge, 4, false, false, 1.0, 0.0),
        GemmShape::contiguous(3, 4, huge, true, true, 1.0, 0.0),
        GemmShape::contiguous(usize::MAX, usize::MAX, usize::MAX, false, false, 1.0, 1.0),
    ];
    let (a, b, mut c) = (vec![0.0; 64], vec![0.0; 64], vec![0.0; 64]);
    for s in &cases {
        let result = engine.gemm(s, &a, &b, &mut c);
        assert!(result.is_err(), "{:?} was accepted", s);
    }
    let overflow = engine.gemm(&cases[0], &a, &b, &mut c);
    assert_eq!(
        overflow,
        Err(KernelError::SizeOverflow {
            what: "A",
            rows: huge,
            cols: 3
        })
    );
}

#[test]
fn gemm_rejects_bad_strides_and_scalars() {
    let engine = Engine::new();
    let (a, b, mut c) = (vec![0.0; 64], vec![0.0; 64], vec![0.0; 64]);
    let mut s = GemmShape::contiguous(2, 3, 4, false, false, 1.0, 0.0);
    s.lda = 3;
    let error = engine.gemm(&s, &a, &b, &mut c).unwrap_err();
    assert!(
        matches!(error, KernelError::InvalidArgument { what: "A", .. }),
        "{:?}",
        error
    );
    assert!(
        error
            .to_string()
            .contains("row stride 3 is smaller than the row length 4"),
        "{}",
        error
    );
    for &(alpha, beta) in &[(f32::NAN, 0.0), (1.0, f32::INFINITY)] {
        let s = GemmShape::contiguous(2, 3, 4, false, false, alpha, beta);
        assert!(
            engine.gemm(&s, &a, &b, &mut c).is_err(),
            "alpha {} beta {} accepted",
            alpha,
            beta
        );
    }
}

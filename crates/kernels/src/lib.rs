//! Compute kernels of pixelgan: a blocked SIMD matrix multiply, a fused dense layer,
//! activations, binary cross-entropy and optimizer steps on row-major f32 slices.
//!
//! Every function checks every length before it touches memory and returns a `KernelError`
//! instead of panicking. Slices may be longer than their shape needs; only the part inside
//! the shape is read or written. Functions without a shape (activations, loss, optimizers)
//! need slices of exactly equal length.

mod activation;
mod bias;
mod dense;
mod engine;
mod error;
mod fastmath;
mod gemm;
mod loss;
mod optim;

pub use activation::{
    activate, activate_backward, activate_backward_in_place, activate_in_place, Activation,
};
pub use bias::{add_bias, bias_grad};
pub use dense::DenseShape;
pub use engine::{Engine, SimdLevel};
pub use error::KernelError;
pub use gemm::GemmShape;
pub use loss::bce_with_logits;
pub use optim::{adam, sgd, AdamParams};

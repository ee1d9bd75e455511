//! One checked function per kernel operation. Each validates every number, shortens each
//! region to its shape (rejecting short ones), checks aliasing with `borrow_regions` and then
//! calls the kernel once.

pub mod activation;
pub mod dense;
pub mod linear;
pub mod loss;
pub mod optim;

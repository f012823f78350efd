//! The part of the engine that `build.rs` compiles too: the model, the loader and the
//! validator. Kept free of `crate::` paths for that reason.
pub mod echo;
pub mod href;
pub mod load;
pub mod model;
pub mod validate;

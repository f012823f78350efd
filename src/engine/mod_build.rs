//! The part of the engine that `build.rs` compiles too: the model, the loader and the
//! validator. Kept free of `crate::` paths for that reason.
pub mod echo;
pub mod explore;
pub mod href;
pub mod journey;
pub mod load;
pub mod model;
pub mod pack;
pub mod validate;

//! The pure core: content model, validation, routing, outcome and dates.
//! Imports nothing of the web; tested natively with `cargo test`.

pub mod calendar;
#[cfg(not(target_arch = "wasm32"))]
pub mod diagram;
pub mod echo;
pub mod explore;
pub mod flow;
pub mod href;
pub mod journey;
pub mod json;
pub mod keep;
#[cfg(not(target_arch = "wasm32"))]
pub mod load;
pub mod model;
pub mod org;
pub mod paths;
pub mod preset;
pub mod record;
pub mod report;
pub mod route;
pub mod validate;

/// The validated bundle that `build.rs` wrote from `src/content/`, as JSON.
pub const CONTENT_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/content.json"));

/// The built content's version: FNV-1a (64 bits, 16 hex digits) of [`CONTENT_JSON`],
/// written by `build.rs`. A record names it, so a record opened later can say whether
/// the content has changed since.
pub const CONTENT_VERSION: &str = include_str!(concat!(env!("OUT_DIR"), "/content_version.txt"));

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
pub mod pack;
pub mod paths;
pub mod preset;
pub mod record;
pub mod report;
pub mod route;
pub mod validate;

/// The validated bundle that `build.rs` wrote from `src/content/`, as JSON.
pub const CONTENT_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/content.json"));

/// The same bundle in the packed form the browser reads ([`pack`]): its strings, and
/// its shape.
const CONTENT_STRINGS: &str = include_str!(concat!(env!("OUT_DIR"), "/content.strings"));
const CONTENT_SHAPE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/content.shape"));

/// The built-in bundle, read from its packed form (no serde, no JSON: the browser's way).
pub fn builtin_bundle() -> Result<model::Bundle, String> {
    pack::unpack(CONTENT_STRINGS, CONTENT_SHAPE)
}

/// The built content's version: FNV-1a (64 bits, 16 hex digits) of [`CONTENT_JSON`],
/// written by `build.rs`. A record names it, so a record opened later can say whether
/// the content has changed since.
pub const CONTENT_VERSION: &str = include_str!(concat!(env!("OUT_DIR"), "/content_version.txt"));

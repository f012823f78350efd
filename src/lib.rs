//! Data Sharing Navigator: questionnaires that end in a checklist, contacts and dates.
//!
//! [`engine`] is the pure core (no web imports); `ui` renders it with Yew in the browser.

pub mod engine;

/// Compiled natively too: the build prerenders the start page with it.
pub mod ui;

pub use ui::App;

/// The built-in bundle (questionnaires and the default organisation), natively.
#[cfg(not(target_arch = "wasm32"))]
pub fn builtin() -> engine::model::Bundle {
    serde_json::from_str(engine::CONTENT_JSON).expect("build.rs wrote a valid bundle")
}

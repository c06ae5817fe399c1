//! # krisenradar
//!
//! Finds the comments that can turn into a crisis — complaints, anger, insults, threats, legal threats, churn,
//! safety or privacy problems, calls to pile on — in German and English, entirely on the user's machine.
//!
//! The core is pure Rust with no I/O: [`analyze`] scores one comment and returns an [`Analysis`] whose every
//! number is backed by [`Evidence`] (which rule or lexicon entry, which span of the untouched input, how much).
//!
//! ```
//! use krisenradar::{analyze, Options, Level, Signal};
//!
//! let a = analyze("Seit 3 Wochen kein Paket. Ich gehe jetzt zum Anwalt!", &Options::default());
//! assert_eq!(a.lang.code, krisenradar::Lang::De);
//! assert!(a.has_signal(Signal::Legal));
//! assert_eq!(a.criticality.level, Level::Escalate);
//! ```

pub mod analyze;
pub mod columns;
mod compat;
pub mod explain;
pub mod learned;
pub mod lexicon;
pub mod model;
mod order;
pub mod params;
pub mod pii;
pub mod reply;
pub mod report;
#[cfg(not(target_arch = "wasm32"))]
pub mod scan;
pub mod text;
pub mod thread;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use analyze::{Options, analyze, analyze_batch};
pub use model::*;

/// The crate version, as shown by the CLI and the WASM package.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

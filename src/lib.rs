//! framediff: compare how several news outlets frame one event.
//!
//! Data flows one way: files -> [`corpus::Corpus`] -> [`analysis`] -> app state -> frame.
//! `corpus` and `analysis` are pure libraries with no terminal types, so scripts,
//! tests and other front ends can use them.
//!
//! ```
//! use std::path::Path;
//! use framediff::analysis::{self, ClusterKind, CompareOptions};
//!
//! let corpus = framediff::corpus::load(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").as_path());
//! let event = corpus.find_event("2025-03-18-trump-putin-call").expect("sample event");
//! let comparison = analysis::compare(event, &CompareOptions::default());
//! let contrasting = comparison
//!     .clusters
//!     .iter()
//!     .filter(|c| c.kind == ClusterKind::Contrasting)
//!     .count();
//! assert!(contrasting > 0);
//! ```

#![forbid(unsafe_code)]

pub mod analysis;
pub mod annotations;
pub mod app;
pub mod cache;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod report;
pub mod tui;
pub mod ui;

//! On-disk formats -> [`Corpus`]. Pure: no terminal, no async runtime.

pub mod model;

pub use model::*;

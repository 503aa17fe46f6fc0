//! Text -> claims -> alignment -> framing cues -> [`Comparison`]. Pure and synchronous.

pub mod model;

pub use model::*;

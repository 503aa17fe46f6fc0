//! Pure drawing: state in, cells out. Nothing here changes state or parses text.

pub mod sanitize;
pub mod theme;

//! Terminal runtime.

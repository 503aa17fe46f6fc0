//! Checks every in-memory fuzz target makes of a loader's output (included with `#[path]`).

use std::path::Path;

use framediff::corpus::Diagnostic;
use framediff::corpus::text::Parsed;

/// Every diagnostic names the file parsed, and every parsed article came from it and has
/// text: a diagnostic about another file or an empty article is a finding.
pub fn check(path: &Path, parsed: &[Parsed], diags: &[Diagnostic]) {
    for d in diags {
        assert_eq!(d.path, path, "{d}");
    }
    for p in parsed {
        assert_eq!(p.article.path, path);
        assert!(!p.article.body.as_str().trim().is_empty(), "an article without text");
    }
}

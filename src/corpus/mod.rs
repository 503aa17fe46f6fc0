//! On-disk formats -> [`Corpus`]. Pure: no terminal, no async runtime.
//!
//! Supported: a folder per event with Markdown / plain-text articles (YAML `---` or TOML
//! `+++` front matter), `.json` and `.jsonl` records, `.html` pages, RSS / Atom feeds, optional `event.toml`
//! and `outlets.toml`, and BASIL releases (auto-detected). Loose articles are grouped into
//! events automatically. Problems never stop loading; they become [`Diagnostic`]s.

pub mod basil;
pub mod date;
pub mod duplicates;
pub mod encoding;
pub mod escapes;
pub mod event_folder;
pub mod feed;
pub mod fields;
pub mod frontmatter;
pub mod grouping;
pub mod html;
pub mod indexed;
pub mod json;
pub mod live;
pub mod load;
pub mod markdown;
pub mod model;
pub mod parallel;
pub mod run_on;
pub mod text;

pub use grouping::GroupingOptions;
pub use load::{LoadOptions, LoadStage, Progress, load, load_with};
pub use model::*;

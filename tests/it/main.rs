//! Every integration test, in one binary: each file was its own test binary linking the whole
//! crate (17 links per `cargo test`); as modules of one crate they link once.
//!
//! Add a test file as `tests/it/<area>_<topic>.rs` and a `mod` line here. Helpers: `common`
//! (paths, `../shared/data`), `tui_fixture` (a hand-made corpus and comparison for the TUI).
//! Snapshots live in `tests/it/snapshots/` as `it__<module>__<name>.snap`.

mod common;
mod tui_fixture;

mod analysis_contrast;
mod analysis_eval;
mod analysis_event_fidelity;
mod analysis_fix25;
mod analysis_robustness;
mod analysis_sample;
mod analysis_semantic;
mod cache;
mod cache_incremental;
mod cli_compare;
mod cli_compare_all;
mod cli_corpus;
mod cli_event_folder;
mod cli_front;
mod cli_paths;
mod cli_reliability;
mod cli_sources;
mod corpus_archive;
mod corpus_dump;
mod corpus_fidelity;
mod corpus_fix24;
mod corpus_formats;
mod corpus_grouping_basil;
mod corpus_grouping_neus;
mod e2e_pty;
mod live;
mod properties;
mod report_annotations;
mod report_formats;
mod tui_annotations;
mod tui_columns;
mod tui_config;
mod tui_fix24;
mod tui_focus;
mod tui_loop;
mod tui_render;
mod tui_robustness;
mod tui_search;
mod tui_state;

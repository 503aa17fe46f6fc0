//! framediff: compare how several news outlets frame one event.
//!
//! Data flows one way: files -> [`corpus::Corpus`] -> [`analysis`] -> app state -> frame.
//! `corpus` and `analysis` are pure libraries with no terminal types, so scripts,
//! tests and other front ends can use them.

#![forbid(unsafe_code)]

pub mod analysis;
pub mod annotations;
pub mod app;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod report;
pub mod tui;
pub mod ui;

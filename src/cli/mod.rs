//! Command-line interface: argument parsing and the non-interactive commands.

//! orderlint's integration tests: one test binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod config;
mod conformance;
mod examples;
mod fixtures;
mod formats;
mod fuzz_regressions;
mod hostile;
mod inputs;
mod integrations;
mod meta;
mod parallel;
mod properties;
mod scale;
mod schema;
mod strict;
mod support;

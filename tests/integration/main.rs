//! orderlint's integration tests: one test binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod examples;
mod fixtures;
mod integrations;
mod meta;
mod schema;
mod support;

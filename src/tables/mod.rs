//! Tables: the row structs of every output table, their schema, the DataFrames built from
//! them, and the writers that put them on disk atomically with the run's manifest.

pub mod dataset;
pub mod frames;
pub mod rows;
pub mod schema;
pub mod state;
pub mod writer;

pub use rows::*;
pub use writer::{Output, OutputError, OutputFormat};

//! The crate-wide error: one variant per module error, for callers that span modules.

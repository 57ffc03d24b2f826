//! The error of a wrong call (exit code 2), raised wherever a path, flag or setting the user
//! gave is checked.

use std::fmt;

/// An error in how the tool was called (exit code 2).
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

//! Random small sheets, hand-written as XML: both readers agree on every one.

//! Damaged packages: the failure our reader reports for each.

//! The example row of `kvalitet init`'s import templates: how it is recognised in a register or
//! a survey, and the warning that it still counts as data.

/// Ids and survey names of the example rows start with this.
pub const EXAMPLE_PREFIX: &str = "EXEMPEL";

/// The warning for a row that still holds the import template's example.
pub const EXAMPLE_WARNING: &str = "raden är exempelraden från kvalitet init och räknas som data; ta bort den när riktiga uppgifter finns";

/// Whether an Id or survey name marks the example row of an import template.
pub fn is_example(value: &str) -> bool {
    value
        .trim()
        .get(..EXAMPLE_PREFIX.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(EXAMPLE_PREFIX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_marks_are_recognised_in_any_case_and_nothing_else() {
        assert!(is_example("EXEMPEL-1"));
        assert!(is_example(" exempel – ta bort raden"));
        assert!(!is_example("EXEMP"));
        assert!(!is_example("A-2022-001"));
        assert!(!is_example("Ekonomiskt bistånd"));
        assert!(!is_example("Åäö"));
    }
}

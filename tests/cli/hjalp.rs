//! `kvalitet hjälp`: the guide inside the program, for a controller who has only the program.

use super::harness::{kvalitet, sample_data};

#[test]
fn hjalp_lists_the_topics() {
    let run = kvalitet(&sample_data(), &["hjälp"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    insta::assert_snapshot!("hjalp_topics", run.stdout);
}

#[test]
fn a_topic_is_printed_whole_and_found_without_accents() {
    let run = kvalitet(&sample_data(), &["hjalp", "installningar"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("# kvalitet.toml\n"));
    assert!(
        run.stdout
            .contains("## [organisation]\n\n```toml\n[organisation]\n")
    );
    assert!(run.stdout.contains("forandring_procent = 5"));
    let run = kvalitet(&sample_data(), &["hjälp", "tabeller"]);
    assert!(run.stdout.contains("`rapporter_per_typ`"), "{}", run.stdout);
}

#[test]
fn an_unknown_topic_is_a_usage_error_with_a_suggestion() {
    let run = kvalitet(&sample_data(), &["hjälp", "tabeler"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "fel: guiden har inget ämne \"tabeler\"; menade du \"tabeller\"? (kvalitet hjälp listar ämnena)\n"
    );
}

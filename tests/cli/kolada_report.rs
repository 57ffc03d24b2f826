//! From `kvalitet kolada hämta` to the report: a group the embedded catalog lacks is known
//! through the folder's `kommungrupper.json`, a group Kolada refused gets its unweighted mean
//! computed from the members, and every figure the tool computes is labelled "Bearbetning:
//! kvalitet, av data från Kolada" beside Kolada's "Källa".

use std::path::Path;

use super::harness::{HEADER, VALID, csv_folder, kvalitet, report_markdown};
use super::indicator_report::{annex_table, cell};
use super::kolada::kolada;
use super::kolada_server::{Kolada, LOCAL_GROUP};

const TOML: &str = r#"
[organisation]
namn = "Älvkarleby kommun"
kolada_id = "0319"

[indikatorer]
jamforelsegrupp = "G99001"
"#;

const GROUP_COLUMN: &str = "Egen jämförelsegrupp (lokal) 2022";

/// A data folder with a register, the settings above and N03702 for 0319 and the group,
/// 2021–2022, fetched from `server`.
fn fetched_folder(server: &Kolada) -> tempfile::TempDir {
    let dir = csv_folder(HEADER, VALID);
    std::fs::write(dir.path().join("kvalitet.toml"), TOML).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let places = format!("0319,{LOCAL_GROUP}");
    let args = [
        "hämta",
        "--kpi",
        "N03702",
        "--kommun",
        &places,
        "--år",
        "2021-2022",
    ];
    let run = kolada(dir.path(), &server.base, cache.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

/// The annex table of the own municipality, and the Markdown after it up to the next table.
fn own_table(dir: &Path) -> ((Vec<String>, Vec<Vec<String>>), String) {
    let md = report_markdown(dir, "2022");
    let title_at = md.find(", Älvkarleby\n").expect("a table for Älvkarleby");
    let line_start = md[..title_at].rfind(". ").unwrap() + 2;
    let title = md[line_start..title_at + ", Älvkarleby".len()].to_string();
    let after = md[title_at..].to_string();
    let tail = after.split("\nTabell ").next().unwrap().to_string();
    (annex_table(&md, &title), tail)
}

/// The row of N03702 (Kolada's title for it).
fn row_title(table: &(Vec<String>, Vec<Vec<String>>)) -> String {
    let title = table.1[0][0].clone();
    assert!(title.starts_with("Bruttoregionprodukt"), "{table:?}");
    title
}

#[test]
fn a_group_only_the_folder_knows_is_accepted_and_named_and_its_values_are_koladas() {
    let server = Kolada::start();
    let dir = fetched_folder(&server);
    let check = kvalitet(dir.path(), &["check"]);
    assert!(
        !check.stderr.contains("okänd kommungrupp"),
        "the group's values are not rejected: {}",
        check.stderr
    );
    let (table, tail) = own_table(dir.path());
    assert!(table.0.contains(&GROUP_COLUMN.to_string()), "{:?}", table.0);
    assert_ne!(cell(&table, &row_title(&table), GROUP_COLUMN), "–");
    let today = kvalitet::kolada::fetch_info(dir.path()).unwrap().fetched;
    assert!(
        tail.contains(&format!(
            "*Källa:* Kolada (RKA), hämtad {today}, egen bearbetning\n"
        )),
        "Kolada's own group value is not labelled as processed: {tail}"
    );
    assert!(!tail.contains("beräknat av kvalitet"), "{tail}");
}

#[test]
fn a_group_kolada_refused_is_the_members_mean_labelled_as_computed_here() {
    let kolada_side = Kolada::start();
    let with_group = own_table(fetched_folder(&kolada_side).path()).0;

    let server = Kolada::start();
    server.refuse_groups(400);
    let dir = fetched_folder(&server);
    let (table, tail) = own_table(dir.path());
    let row = row_title(&table);
    assert_eq!(
        cell(&table, &row, GROUP_COLUMN),
        cell(&with_group, &row, GROUP_COLUMN),
        "the mean of the members is the group's unweighted mean"
    );
    assert!(
        tail.contains(
            "*Anmärkning:* Egen bearbetning av Koladas värden: förändring 2021–2022 och Egen \
             jämförelsegrupp (lokal) 2022 (ovägt medel av medlemmarnas värden).\n"
        ),
        "{tail}"
    );
    assert!(
        tail.contains(
            "Kolada har inget eget värde för jämförelsegruppen; gruppens värde är det ovägda medlet"
        ),
        "{tail}"
    );
}

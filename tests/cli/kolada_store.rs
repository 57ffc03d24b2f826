//! From `kvalitet kolada hämta` to the indicator store: a group the embedded catalog lacks is
//! imported with its Kolada title and members, so `indikator visa --kommun`/`--jämför` and
//! `indikator kommuner` know it; ids neither knows still fail as before.

use super::harness::{Run, kvalitet};
use super::kolada::fetch_2019;
use super::kolada_server::{Kolada, LOCAL_GROUP};

/// A data folder fetched from `server` (N03702, 2019, Stockholm and the local group),
/// imported into `lager.sqlite` inside it.
fn imported(server: &Kolada) -> tempfile::TempDir {
    let (dir, _cache, run) = fetch_2019(server, "N03702", &format!("0180,{LOCAL_GROUP}"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = kvalitet(
        dir.path(),
        &["indikator", "importera", ".", "--lager", "lager.sqlite"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

fn indikator(dir: &tempfile::TempDir, args: &[&str]) -> Run {
    let mut all = vec!["indikator"];
    all.extend(args);
    all.extend(["--lager", "lager.sqlite"]);
    kvalitet(dir.path(), &all)
}

/// The output without its last line ("Källa: …", which holds the import time).
fn without_source(run: &Run) -> String {
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let (rest, last) = run.stdout.trim_end().rsplit_once('\n').unwrap();
    assert!(
        last.starts_with("Källa: Kolada (RKA); indikatorlagret, senast importerat "),
        "{last}"
    );
    format!("{rest}\n")
}

const TITLE: &str = "\
N03702 Bruttoregionprodukt, kommun (BRP), 1000 kr/invånare
Kommunen, övergripande
";

/// Stockholm and the group side by side, 2019.
const SIDE_BY_SIDE: &str = "\
┌──────┬───────────┬──────────────────────────────┐
│ År   ┆ Stockholm ┆ Egen jämförelsegrupp (lokal) │
╞══════╪═══════════╪══════════════════════════════╡
│ 2019 ┆     984,0 ┆                        361,0 │
└──────┴───────────┴──────────────────────────────┘
";

#[test]
fn a_fetched_group_the_catalog_lacks_is_shown_by_its_kolada_title() {
    let server = Kolada::start();
    let dir = imported(&server);
    let own = indikator(&dir, &["visa", "N03702", "--kommun", LOCAL_GROUP]);
    assert_eq!(
        without_source(&own),
        format!(
            "{TITLE}\
             ┌──────┬──────────────────────────────┐\n\
             │ År   ┆ Egen jämförelsegrupp (lokal) │\n\
             ╞══════╪══════════════════════════════╡\n\
             │ 2019 ┆                        361,0 │\n\
             └──────┴──────────────────────────────┘\n\n"
        )
    );
    let compared = indikator(
        &dir,
        &["visa", "N03702", "--kommun", "0180", "--jämför", "g99001"],
    );
    assert_eq!(
        without_source(&compared),
        format!("{TITLE}{SIDE_BY_SIDE}\n")
    );
    let by_name = indikator(
        &dir,
        &[
            "visa",
            "N03702",
            "--kommun",
            "Stockholm",
            "--jämför",
            "egen jämförelsegrupp (lokal)",
            "--format",
            "csv",
        ],
    );
    assert_eq!(
        by_name.stdout,
        "KPI;Nyckeltal;År;Stockholm;Egen jämförelsegrupp (lokal)\n\
         N03702;Bruttoregionprodukt, kommun (BRP), 1000 kr/invånare;2019;984,027891;\
         360,9824314999999\n"
    );
    let found = indikator(&dir, &["kommuner", "egen", "jämförelsegrupp"]);
    assert_eq!(found.code, 0, "{}", found.stderr);
    assert_eq!(
        found.stdout,
        "┌────────┬──────────────────────────────┬───────────────────┐\n\
         │ Id     ┆ Namn                         ┆ Typ               │\n\
         ╞════════╪══════════════════════════════╪═══════════════════╡\n\
         │ G99001 ┆ Egen jämförelsegrupp (lokal) ┆ Grupp, 8 kommuner │\n\
         └────────┴──────────────────────────────┴───────────────────┘\n"
    );
}

#[test]
fn a_group_neither_the_catalog_nor_the_store_knows_is_still_an_error() {
    let server = Kolada::start();
    let dir = imported(&server);
    for flag in ["--kommun", "--jämför"] {
        let run = indikator(
            &dir,
            &["visa", "N03702", "--kommun", "0180", flag, "G99002"],
        );
        assert_eq!(run.code, 2, "{flag}");
        assert_eq!(run.stderr, "fel: okänd kommungrupp \"G99002\"\n", "{flag}");
        assert_eq!(run.stdout, "");
    }
}

#[test]
fn a_group_kolada_refused_is_the_mean_of_its_imported_members() {
    let server = Kolada::start();
    server.refuse_groups(400);
    let dir = imported(&server);
    let compared = indikator(
        &dir,
        &[
            "visa",
            "N03702",
            "--kommun",
            "0180",
            "--jämför",
            LOCAL_GROUP,
        ],
    );
    assert_eq!(
        without_source(&compared),
        format!(
            "{TITLE}{SIDE_BY_SIDE}\
             Anm. G99001 Egen jämförelsegrupp (lokal): ovägt medel av de 8 av gruppens 8 \
             kommuner som har värden i lagret.\n\n"
        )
    );
}

#[test]
fn a_later_file_without_kolada_catalogs_may_use_a_group_the_store_names() {
    let server = Kolada::start();
    let dir = imported(&server);
    let extra = dir.path().join("egen");
    std::fs::create_dir(&extra).unwrap();
    std::fs::write(
        extra.join("indikatorer.csv"),
        "KPI;Kommun;Period;Kön;Värde\nN03702;G99001;2020;T;400\n",
    )
    .unwrap();
    let run = indikator(&dir, &["importera", "egen"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout.lines().next(),
        Some("indikatorer.csv: 1 rad läst, 1 använd, 0 avvisade")
    );
    let shown = indikator(&dir, &["visa", "N03702", "--kommun", LOCAL_GROUP]);
    assert!(
        without_source(&shown).contains("│ 2020 ┆                        400,0 │\n"),
        "{}",
        shown.stdout
    );
}

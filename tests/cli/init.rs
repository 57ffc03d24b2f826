//! `kvalitet init` and `kvalitet mallar`: a new data folder that works at once, never
//! overwrites, is the same every time; exported templates reproduce the report exactly.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::harness::{all_files, kvalitet, report_markdown, sample_data};

fn first_row(range: &calamine::Range<Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

fn init(dir: &Path) -> super::harness::Run {
    let run = kvalitet(
        dir.parent().unwrap(),
        &["init", dir.to_str().unwrap(), "--år", "2026"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

#[test]
fn init_then_report_on_the_scaffold_works_and_warns_about_the_example_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ny");
    let run = init(&dir);
    assert!(
        run.stdout.contains("kvalitet report 2026 --data"),
        "{}",
        run.stdout
    );
    for name in [
        "kvalitet.toml",
        "rapporter.xlsx",
        "brukarundersokning.xlsx",
        "text/avvikelser.md",
    ] {
        assert!(dir.join(name).is_file(), "{name}");
    }
    let check = kvalitet(&dir, &["check"]);
    assert_eq!(
        check.code, 1,
        "the example rows are warnings: {}",
        check.stderr
    );
    assert!(check.stderr.contains(
        "varning: rapporter.xlsx › rapporter › rad 2, kolumn A (Id): raden är exempelraden från kvalitet init"
    ), "{}", check.stderr);
    let md = report_markdown(&dir, "2026");
    assert!(md.contains("Under 2026 kom 1 rapport in."), "{md}");
    assert!(md.contains("## Brukarundersökningar"));
    // The new text files hold only guidance: the report shows no comments, and a section of
    // only own text is left out until it has text.
    assert!(!md.contains("Skriv här"));
    assert!(!md.contains("## Ledningssystem för systematiskt kvalitetsarbete"));
}

#[test]
fn the_register_template_has_the_canonical_headers_an_example_and_the_category_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ny");
    init(&dir);
    let mut wb: Xlsx<_> = open_workbook(dir.join("rapporter.xlsx")).unwrap();
    let sheet = wb.worksheet_range("rapporter").unwrap();
    assert_eq!(first_row(&sheet).join(";"), super::harness::HEADER);
    let example = &sheet.rows().nth(1).unwrap();
    assert_eq!(example[0], Data::String("EXEMPEL-1".into()));
    assert!(
        matches!(example[2], Data::DateTime(_)),
        "a real date: {:?}",
        example[2]
    );
    let lists = wb.worksheet_range("Listor").unwrap();
    assert_eq!(
        first_row(&lists),
        [
            "Typ",
            "Bedömning",
            "Lex Sarah",
            "Anmäld IVO",
            "Anmäld IMY",
            "Bakomliggande orsak",
            "Åtgärd",
            "Status"
        ]
    );
    let causes: Vec<String> = lists
        .rows()
        .skip(1)
        .map(|r| r[5].to_string())
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(causes.len(), 7);
    assert_eq!(causes[0], "Kommunikation och information");
}

#[test]
fn init_never_overwrites_and_gives_the_same_bytes_every_time() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    init(&a);
    init(&b);
    let strip = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = all_files(dir)
            .into_iter()
            .map(|(p, bytes)| (p.strip_prefix(dir).unwrap().display().to_string(), bytes))
            .collect();
        files.sort();
        files
    };
    assert_eq!(strip(&a), strip(&b), "deterministic");

    std::fs::write(a.join("text/avvikelser.md"), "Egen text.\n").unwrap();
    std::fs::remove_file(a.join("text/klagomal.md")).unwrap();
    let run = init(&a);
    assert_eq!(
        std::fs::read_to_string(a.join("text/avvikelser.md")).unwrap(),
        "Egen text.\n"
    );
    assert!(
        a.join("text/klagomal.md").is_file(),
        "a missing file is added"
    );
    assert!(
        run.stdout
            .contains("avvikelser.md finns redan och lämnades orörd"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("avvikelser.md\nskapade"));
}

#[test]
fn exported_templates_reproduce_the_report_and_override_it_file_by_file() {
    let tmp = tempfile::tempdir().unwrap();
    let mallar = tmp.path().join("mallar");
    let run = kvalitet(
        tmp.path(),
        &["mallar", "--exportera", mallar.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(mallar.join("avsnitt/avvikelser.md").is_file());
    assert!(mallar.join("sida.html").is_file());

    let out = tmp.path().join("ut");
    let with = |dir: &Path| {
        let run = kvalitet(
            &sample_data(),
            &[
                "report",
                "2022",
                "--format",
                "md",
                "--out",
                out.to_str().unwrap(),
                "--templates",
                dir.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        std::fs::read_to_string(out.join("kvalitetsberattelse-2022.md")).unwrap()
    };
    let default = report_markdown(&sample_data(), "2022");
    assert_eq!(
        with(&mallar),
        default,
        "the exported templates are the defaults"
    );

    // Keep only one changed file: it replaces its default, the rest stay as they were.
    let only = tmp.path().join("en");
    std::fs::create_dir_all(only.join("avsnitt")).unwrap();
    std::fs::write(
        only.join("avsnitt/klagomal.md"),
        "### Synpunkter från invånarna\n\nEgen mall.\n",
    )
    .unwrap();
    let changed = with(&only);
    assert!(changed.contains("### Synpunkter från invånarna\n\nEgen mall.\n"));
    assert!(!changed.contains("### Klagomål och synpunkter"));
    // Everything between the contents and the replaced section is unchanged.
    let body = |md: &str, end: &str| {
        let start = md.find("\n## Sammanfattning").unwrap();
        md[start..md.find(end).unwrap()].to_string()
    };
    assert_eq!(
        body(&changed, "### Synpunkter från invånarna"),
        body(&default, "### Klagomål och synpunkter")
    );

    let again = kvalitet(
        tmp.path(),
        &["mallar", "--exportera", mallar.to_str().unwrap()],
    );
    assert!(
        again.stdout.contains("finns redan och lämnades orörd"),
        "{}",
        again.stdout
    );
}

#[test]
fn mallar_lists_the_templates_and_the_text_files() {
    let run = kvalitet(&sample_data(), &["mallar"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("mallar_list", run.stdout);
}

#[test]
fn the_examples_in_the_new_text_files_work_in_a_real_report() {
    let tmp = tempfile::tempdir().unwrap();
    let scaffold = tmp.path().join("ny");
    init(&scaffold);
    let data = tmp.path().join("data");
    for (path, bytes) in all_files(&sample_data()) {
        let rel = path.strip_prefix(sample_data()).unwrap();
        std::fs::create_dir_all(data.join(rel).parent().unwrap()).unwrap();
        std::fs::write(data.join(rel), bytes).unwrap();
    }
    let mut examples = 0;
    for (path, bytes) in all_files(&scaffold.join("text")) {
        let text = String::from_utf8(bytes).unwrap();
        let Some(line) = text.lines().find(|l| l.starts_with("  Antalet är ")) else {
            continue;
        };
        let target = data.join("text").join(path.file_name().unwrap());
        std::fs::write(&target, format!("{}\n", line.trim())).unwrap();
        examples += 1;
    }
    assert!(examples >= 8, "{examples}");
    let md = report_markdown(&data, "2022");
    let rendered = md
        .lines()
        .filter(|l| l.starts_with("Antalet är ") && l.contains(", se tabell "))
        .count();
    assert_eq!(rendered, examples, "{md}");
}

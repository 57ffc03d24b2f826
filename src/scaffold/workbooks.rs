//! The import workbooks of a new data folder: the canonical headers with a note on each, one
//! example row, and drop-down lists on the category columns. Byte-identical for the same year.

use anyhow::{Context, Result};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, Note, Workbook,
    Worksheet, XlsxError,
};

use crate::model::example::EXAMPLE_PREFIX;
use crate::model::record::{Assessment, Kind};
use crate::settings::Settings;

/// Rows the drop-down lists cover (the header is row 0).
const LIST_ROWS: u32 = 20_000;

/// A cell of an example row.
enum Cell<'a> {
    Text(&'a str),
    /// A date in the report year: (month, day).
    Date(u8, u8),
    Empty,
}

/// One column of a template: header, what goes in it, example value, drop-down list.
struct Column<'a> {
    header: &'a str,
    note: &'a str,
    example: Cell<'a>,
    list: Option<(Vec<String>, bool)>,
}

fn col<'a>(header: &'a str, note: &'a str, example: Cell<'a>) -> Column<'a> {
    Column {
        header,
        note,
        example,
        list: None,
    }
}

impl<'a> Column<'a> {
    /// A drop-down list; `strict` refuses other values, otherwise Excel only warns (for
    /// columns that may hold several values separated by `;`).
    fn list(mut self, values: Vec<String>, strict: bool) -> Self {
        self.list = Some((values, strict));
        self
    }
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| s.to_string()).collect()
}

/// `rapporter.xlsx`: the register of reports.
pub fn register(year: i32, settings: &Settings) -> Result<Vec<u8>> {
    let yes_no = || strings(&["Ja", "Nej"]);
    let kinds: Vec<String> = Kind::ACCEPTED.iter().map(|s| s.to_string()).collect();
    let assessments: Vec<String> = Assessment::ALL
        .iter()
        .map(|a| a.name().to_string())
        .collect();
    let example_id = format!("{EXAMPLE_PREFIX}-1");
    let event_types = (!settings.kategorier.handelsetyp.is_empty())
        .then(|| settings.kategorier.handelsetyp.clone());
    let mut event_type = col(
        "Händelsetyp",
        "Vad som hände, till exempel Brister i dokumentation.",
        Cell::Text("Brister i dokumentation"),
    );
    if let Some(list) = event_types {
        event_type = event_type.list(list, true);
    }
    let columns = vec![
        col(
            "Id",
            "Rapportens unika id, till exempel ärendenumret. Exempelraden (EXEMPEL-1) ska tas bort.",
            Cell::Text(&example_id),
        ),
        col("Typ", "Typ av rapport. En lex Sarah-rapport kan anges som Lex Sarah eller som Avvikelse med Lex Sarah = Ja.", Cell::Text("Avvikelse"))
            .list(kinds, true),
        col("Händelsedatum", "När det hände (ÅÅÅÅ-MM-DD). Avgör året om inte kvalitet.toml säger annat.", Cell::Date(3, 14)),
        col("Rapporterad", "När det rapporterades (ÅÅÅÅ-MM-DD).", Cell::Date(3, 15)),
        col("Förvaltning", "Förvaltningen.", Cell::Text("Socialförvaltningen")),
        col("Enhet", "Enheten där det hände.", Cell::Text("Exempelenheten")),
        event_type,
        col("Bedömning", "Utredningens bedömning.", Cell::Text("Avvikelse")).list(assessments, true),
        col("Lex Sarah", "Ja om rapporten bedömts falla under lex Sarah.", Cell::Text("Nej"))
            .list(yes_no(), true),
        col("Anmäld IVO", "Ja om den anmälts till Inspektionen för vård och omsorg.", Cell::Text("Nej"))
            .list(yes_no(), true),
        col("Anmäld IMY", "Gäller personuppgiftsincidenter: Ja om den anmälts till Integritetsskyddsmyndigheten.", Cell::Empty)
            .list(yes_no(), true),
        col("Bakomliggande orsak", "En eller flera orsaker ur listan, skilda med semikolon (;).", Cell::Text("Processer och rutiner"))
            .list(settings.kategorier.bakomliggande_orsak.clone(), false),
        col("Åtgärd", "En eller flera åtgärder ur listan, skilda med semikolon (;).", Cell::Text("Översyn av rutin eller process"))
            .list(settings.kategorier.atgard.clone(), false),
        col("Status", "Pågående eller Avslutad.", Cell::Text("Avslutad"))
            .list(strings(&["Pågående", "Avslutad"]), true),
        col("Avslutad", "Datum då ärendet avslutades (ÅÅÅÅ-MM-DD).", Cell::Date(4, 2)),
        col("Beskrivning", "Fritext. Läses aldrig av kvalitet och syns aldrig i rapporten.", Cell::Text("Fritext som aldrig används i rapporten")),
    ];
    let mut wb = new_workbook();
    let lists = wb.add_worksheet();
    lists.set_name("Listor")?.set_hidden(true);
    let mut list_col = 0u16;
    let sheet = wb.add_worksheet();
    sheet.set_name("rapporter")?.set_active(true);
    write_sheet(sheet, &columns, year)?;
    // Lists live on their own (hidden) sheet: an inline list is limited to 255 characters.
    let mut refs = Vec::new();
    for (i, c) in columns.iter().enumerate() {
        if let Some((values, strict)) = &c.list {
            refs.push((i as u16, list_col, values.len() as u32, *strict));
            list_col += 1;
        }
    }
    let lists = wb.worksheet_from_name("Listor")?;
    for (i, c) in columns.iter().enumerate() {
        if let Some((values, _)) = &c.list {
            let at = refs
                .iter()
                .find(|r| r.0 == i as u16)
                .expect("pushed above")
                .1;
            lists.write_string(0, at, c.header)?;
            for (r, v) in values.iter().enumerate() {
                lists.write_string(r as u32 + 1, at, v)?;
            }
        }
    }
    let sheet = wb.worksheet_from_name("rapporter")?;
    for (i, c) in columns.iter().enumerate() {
        let Some(&(_, at, n, strict)) = refs.iter().find(|r| r.0 == i as u16) else {
            continue;
        };
        let letter = crate::base::column_letters(at as u32);
        let range = format!("=Listor!${letter}$2:${letter}${}", n + 1);
        let mut dv = DataValidation::new()
            .allow_list_formula(range.as_str().into())
            .set_input_title(c.header)?
            .set_input_message(c.note)?;
        if !strict {
            dv = dv.set_error_style(DataValidationErrorStyle::Information);
        }
        sheet.add_data_validation(1, i as u16, LIST_ROWS, i as u16, &dv)?;
    }
    wb.save_to_buffer()
        .context("rapporter.xlsx kan inte skapas")
}

/// `brukarundersokning.xlsx`: answers per option, and urval and antal svar.
pub fn survey(year: i32) -> Result<Vec<u8>> {
    let name = format!("{EXAMPLE_PREFIX} – byt mot undersökningens namn");
    let question = "Är du nöjd med ditt besök?";
    let answers: [(&str, f64, Option<f64>); 5] = [
        ("Mycket nöjd", 6.0, Some(40.0)),
        ("Ganska nöjd", 3.0, Some(35.0)),
        ("Inte särskilt nöjd", 1.0, Some(15.0)),
        ("Inte alls nöjd", 0.0, Some(10.0)),
        ("Vet inte", 1.0, None),
    ];
    let mut wb = new_workbook();
    let sheet = wb.add_worksheet();
    sheet.set_name("svar")?;
    let header = [
        (
            "Undersökning",
            "Undersökningens eller verksamhetsområdets namn.",
        ),
        ("År", "Året då undersökningen gjordes."),
        (
            "Fråga",
            "Frågans text, likadan på varje rad för samma fråga.",
        ),
        (
            "Svarsalternativ",
            "Ett svarsalternativ per rad, i enkätens ordning (bäst först).",
        ),
        ("Antal", "Antal som valde alternativet."),
        ("Nationellt (%)", "Andel i riket i procent, om den finns."),
    ];
    write_header(sheet, &header)?;
    for (r, (option, n, national)) in answers.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, &name)?;
        sheet.write_number(row, 1, year)?;
        sheet.write_string(row, 2, question)?;
        sheet.write_string(row, 3, *option)?;
        sheet.write_number(row, 4, *n)?;
        if let Some(p) = national {
            sheet.write_number(row, 5, *p)?;
        }
    }
    let sheet = wb.add_worksheet();
    sheet.set_name("urval")?;
    let header = [
        ("Undersökning", "Samma namn som på bladet svar."),
        ("År", "Året då undersökningen gjordes."),
        ("Urval", "Antal som fick enkäten."),
        ("Antal svar", "Antal som svarade."),
    ];
    write_header(sheet, &header)?;
    sheet.write_string(1, 0, &name)?;
    sheet.write_number(1, 1, year)?;
    sheet.write_number(1, 2, 20)?;
    sheet.write_number(1, 3, 11)?;
    wb.save_to_buffer()
        .context("brukarundersokning.xlsx kan inte skapas")
}

/// The import workbook of a list input: one sheet named `sheet` with the canonical headers and a
/// note on each, and no example row (an example would be read as data).
pub fn list_template(sheet_name: &str, columns: &[(&str, &str)]) -> Result<Vec<u8>> {
    let mut wb = new_workbook();
    let sheet = wb.add_worksheet();
    sheet.set_name(sheet_name)?;
    write_header(sheet, columns)?;
    wb.save_to_buffer()
        .with_context(|| format!("{sheet_name}.xlsx kan inte skapas"))
}

/// A workbook whose metadata carry no time, so the same input gives the same bytes.
fn new_workbook() -> Workbook {
    let mut wb = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1).expect("a valid date");
    wb.set_properties(
        &DocProperties::new()
            .set_author("kvalitet")
            .set_creation_datetime(&fixed),
    );
    wb
}

fn write_header(sheet: &mut Worksheet, columns: &[(&str, &str)]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (i, (h, note)) in columns.iter().enumerate() {
        let c = i as u16;
        sheet.write_string_with_format(0, c, *h, &bold)?;
        sheet.insert_note(0, c, &Note::new(*note).set_author("kvalitet"))?;
        sheet.set_column_width(c, (h.chars().count() as f64 + 4.0).max(14.0))?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_sheet(sheet: &mut Worksheet, columns: &[Column<'_>], year: i32) -> Result<()> {
    let header: Vec<(&str, &str)> = columns.iter().map(|c| (c.header, c.note)).collect();
    write_header(sheet, &header)?;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (i, c) in columns.iter().enumerate() {
        let c16 = i as u16;
        match &c.example {
            Cell::Text(t) => {
                sheet.write_string(1, c16, *t)?;
            }
            Cell::Date(m, d) => {
                let y = u16::try_from(year).context("året är utanför Excels datum")?;
                let dt = ExcelDateTime::from_ymd(y, *m, *d)?;
                sheet.write_datetime_with_format(1, c16, &dt, &date)?;
                sheet.set_column_format(c16, &date)?;
            }
            Cell::Empty => {}
        }
    }
    Ok(())
}

//! The explanation `kvalitet spåra` prints for one cell: the value as shown, how it was
//! computed from which register rows (by Id) or survey counts or imported values, the base,
//! what is not counted, and how it was rounded. Suppressed values keep their secret unless
//! asked to show them.

use crate::base::Rule;
use crate::base::format;
use crate::compute::trace::{Evidence, Filter, Source};
use crate::compute::{Ratio, Report, Table, Value};
use crate::model::{Record, Register};

/// The explanation of the value in column `col` of row `row` of table `t`.
pub fn explain(
    report: &Report,
    reg: &Register,
    rule: Rule,
    t: &Table,
    row: usize,
    col: usize,
    show_protected: bool,
) -> String {
    let r = &t.rows[row];
    let shown = &r.values[col];
    let mut out = vec![
        format!("Tabell {}. {}", t.number, t.title),
        format!("Rad: {}", r.label),
        format!("Kolumn: {}", t.columns[col].title),
        format!("Värde i rapporten: {}", format::value(shown)),
        String::new(),
    ];
    let Some(source) = r.source(col) else {
        out.push(format!(
            "Källa: {}. Värdet har ingen annan beräkning än avrundning för visning.",
            t.source
        ));
        return out.join("\n");
    };
    let protected = *shown == Value::Suppressed;
    if protected {
        out.push(format!(
            "Värdet visas inte (..) för att skydda enskilda: antal som beskriver personer och är färre än {} visas inte, och inte heller de uppgifter som annars skulle göra det möjligt att räkna fram ett sådant antal.",
            rule.min
        ));
        if !show_protected {
            out.push(format!("Så räknas värdet: {}.", method(source, reg)));
            out.push("Id och antal visas inte här, eftersom de skulle röja det skyddade värdet. Den som granskar och får ta del av uppgifterna kan köra kommandot igen med --visa-skyddade.".into());
            return out.join("\n");
        }
        out.push("OBS: --visa-skyddade: utskriften innehåller uppgifter som omfattas av sekretess och får inte publiceras.".into());
    }
    let evidence = source.recompute(reg, shown);
    if protected && let Some(v) = &evidence.value {
        out.push(format!("Skyddat värde: {}", format::value(v)));
    }
    if *shown == Value::Missing {
        out.push("Värdet saknas (–): året finns inte i underlaget, uppgiften registreras inte (kolumnen saknas) eller basen är noll.".into());
    }
    out.push(format!(
        "Så räknades värdet: {}.",
        computation(source, reg, &evidence, shown)
    ));
    for (role, records) in &evidence.sets {
        out.push(format!(
            "{role} ({}): {}",
            format::int(records.len() as i64),
            ids(records, source)
        ));
    }
    if is_register(source) {
        out.push(format!(
            "Året och månaden bestäms av {}. Rapporter utanför filtret, och rader som avvisades när registret lästes, räknas inte.",
            report.year_basis
        ));
        out.push(format!("Underlaget: {}", reg.reconciliation));
    }
    if let Some(rounding) = rounding(shown) {
        out.push(rounding);
    }
    out.join("\n")
}

fn is_register(s: &Source) -> bool {
    !matches!(s, Source::Answers { .. } | Source::Imported(_))
}

/// How a value of this kind is computed, without any number.
fn method(s: &Source, reg: &Register) -> String {
    let d = |f: &Filter| f.describe(reg);
    match s {
        Source::Count(f) => format!("antalet rapporter i registret där {}", d(f)),
        Source::Share { part, whole } => format!(
            "rapporterna där {} delat med rapporterna där {}",
            d(part),
            d(whole)
        ),
        Source::MedianDays(f) => format!(
            "medianen av handläggningstiden i dagar (från Rapporterad till Avslutad) för rapporterna där {}",
            d(f)
        ),
        Source::Change { old, new } => format!(
            "antalet rapporter där {} minus antalet där {}",
            d(new),
            d(old)
        ),
        Source::RelativeChange { old, new } => format!(
            "skillnaden mellan antalet rapporter där {} och antalet där {}, delad med det senare",
            d(new),
            d(old)
        ),
        Source::Answers { what, whole, .. } => match whole {
            Some(_) => format!("andelen {what}"),
            None => format!("antalet {what}, enligt underlaget"),
        },
        Source::Imported(text) => text.clone(),
    }
}

/// The computation with its numbers.
fn computation(s: &Source, reg: &Register, e: &Evidence<'_>, shown: &Value) -> String {
    let count = |i: usize| e.sets.get(i).map_or(0, |(_, v)| v.len() as i64);
    let value = e.value.as_ref().unwrap_or(shown);
    match s {
        Source::Count(_) => format!("{}: {}", method(s, reg), format::int(count(0))),
        Source::Share { .. } => {
            let (p, w) = (count(0), count(0) + count(1));
            format!(
                "{}: {} av {} {}",
                method(s, reg),
                format::int(p),
                format::int(w),
                exact_percent(p, w)
            )
        }
        Source::MedianDays(_) => format!(
            "{}; {} rapporter har en handläggningstid, medianen är {} dagar",
            method(s, reg),
            format::int(count(0)),
            format::value(value)
        ),
        Source::Change { .. } => format!(
            "{}: {} − {} = {}",
            method(s, reg),
            format::int(count(0)),
            format::int(count(1)),
            format::value(value)
        ),
        Source::RelativeChange { .. } => {
            let (new, old) = (count(0), count(1));
            format!(
                "{}: ({} − {}) / {} {}",
                method(s, reg),
                format::int(new),
                format::int(old),
                format::int(old),
                exact_percent(new - old, old)
            )
        }
        Source::Answers { part, whole, .. } => match whole {
            Some(w) => format!(
                "{}: {} av {} svar {}. Svaren har inga Id; antalen kommer ur underlaget",
                method(s, reg),
                format::int(*part),
                format::int(*w),
                exact_percent(*part, *w)
            ),
            None => format!(
                "{}: {}. Svaren har inga Id; antalet kommer ur underlaget",
                method(s, reg),
                format::int(*part)
            ),
        },
        Source::Imported(text) if text.starts_with("beräknat") => text.clone(),
        Source::Imported(text) => format!("hämtat ur {text}, som det står där"),
    }
}

/// `part / whole` in percent, exact or to three decimals: "= 41,6 %", "≈ 42,857 %".
fn exact_percent(part: i64, whole: i64) -> String {
    match Ratio::new(part as i128 * 100, whole as i128) {
        Some(r) => {
            let exact = (r.num * 1000) % r.den == 0;
            let text = format::decimal(r, 3);
            let text = if text.contains(',') {
                text.trim_end_matches('0').trim_end_matches(',').to_string()
            } else {
                text
            };
            format!("{} {text}\u{a0}%", if exact { "=" } else { "≈" })
        }
        None => "(basen är noll)".into(),
    }
}

fn rounding(shown: &Value) -> Option<String> {
    let decimals = match shown {
        Value::Share { decimals, .. }
        | Value::RelativeChange { decimals, .. }
        | Value::PointChange { decimals, .. }
        | Value::Days { decimals, .. }
        | Value::Number { decimals, .. }
        | Value::NumberChange { decimals, .. } => *decimals,
        _ => return None,
    };
    let to = match decimals {
        0 => "heltal".to_string(),
        1 => "en decimal".to_string(),
        d => format!("{d} decimaler"),
    };
    // A change between shown figures is the difference of the rounded figures, so that it
    // agrees with the table (79 % → 90 % is +11).
    let basis = match shown {
        Value::PointChange { .. } | Value::NumberChange { .. } => {
            "förändringen räknas på värdena avrundade som de visas i tabellen"
        }
        _ => "beräkningen använder de oavrundade värdena",
    };
    Some(format!(
        "Avrundning: till {to}, först när värdet visas (halva avrundas bort från noll); {basis}."
    ))
}

/// Ids with their rows in the register (and handling days for a median), comma-separated.
fn ids(records: &[&Record], source: &Source) -> String {
    if records.is_empty() {
        return "inga".into();
    }
    records
        .iter()
        .map(|r| match (source, r.handling_days()) {
            (Source::MedianDays(_), Some(d)) => format!("{} (rad {}, {d} dagar)", r.id, r.row),
            _ => format!("{} (rad {})", r.id, r.row),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

//! The Tera environment: the default templates embedded from `report-templates/`, overrides
//! from a folder file by file, and the filters and functions templates may use. Errors come
//! out in Swedish with the template's name, line and column.

use std::collections::BTreeMap;

use anyhow::Result;
use tera::{Context, Kwargs, State, Tera, Value};

use super::template_errors::template_error;
use super::{markdown, phrases};
use crate::base::format;
use crate::compute::Ratio;
use crate::compute::figures::{Named, Pair};
use crate::text::suggest;

/// The default templates, embedded at build time: (name, source).
pub const DEFAULTS: &[(&str, &str)] = &[
    (
        "rapport.md",
        include_str!("../../report-templates/rapport.md"),
    ),
    (
        "avsnitt/sammanfattning.md",
        include_str!("../../report-templates/avsnitt/sammanfattning.md"),
    ),
    (
        "avsnitt/inledning.md",
        include_str!("../../report-templates/avsnitt/inledning.md"),
    ),
    (
        "avsnitt/ledningssystem.md",
        include_str!("../../report-templates/avsnitt/ledningssystem.md"),
    ),
    (
        "avsnitt/rapporter.md",
        include_str!("../../report-templates/avsnitt/rapporter.md"),
    ),
    (
        "avsnitt/avvikelser.md",
        include_str!("../../report-templates/avsnitt/avvikelser.md"),
    ),
    (
        "avsnitt/lex_sarah.md",
        include_str!("../../report-templates/avsnitt/lex_sarah.md"),
    ),
    (
        "avsnitt/orsaker.md",
        include_str!("../../report-templates/avsnitt/orsaker.md"),
    ),
    (
        "avsnitt/handlaggning.md",
        include_str!("../../report-templates/avsnitt/handlaggning.md"),
    ),
    (
        "avsnitt/klagomal.md",
        include_str!("../../report-templates/avsnitt/klagomal.md"),
    ),
    (
        "avsnitt/personuppgiftsincidenter.md",
        include_str!("../../report-templates/avsnitt/personuppgiftsincidenter.md"),
    ),
    (
        "avsnitt/ej_verkstallda.md",
        include_str!("../../report-templates/avsnitt/ej_verkstallda.md"),
    ),
    (
        "avsnitt/ivo_tillsyn.md",
        include_str!("../../report-templates/avsnitt/ivo_tillsyn.md"),
    ),
    (
        "avsnitt/egenkontroll.md",
        include_str!("../../report-templates/avsnitt/egenkontroll.md"),
    ),
    (
        "avsnitt/samverkan.md",
        include_str!("../../report-templates/avsnitt/samverkan.md"),
    ),
    (
        "avsnitt/brukarundersokning.md",
        include_str!("../../report-templates/avsnitt/brukarundersokning.md"),
    ),
    (
        "avsnitt/nyckeltal.md",
        include_str!("../../report-templates/avsnitt/nyckeltal.md"),
    ),
    (
        "avsnitt/indikatorer.md",
        include_str!("../../report-templates/avsnitt/indikatorer.md"),
    ),
    (
        "avsnitt/bedomning.md",
        include_str!("../../report-templates/avsnitt/bedomning.md"),
    ),
    (
        "avsnitt/fortsatt_arbete.md",
        include_str!("../../report-templates/avsnitt/fortsatt_arbete.md"),
    ),
    (
        "avsnitt/egna.md",
        include_str!("../../report-templates/avsnitt/egna.md"),
    ),
    (
        "avsnitt/verksamheter.md",
        include_str!("../../report-templates/avsnitt/verksamheter.md"),
    ),
    (
        "avsnitt/verksamhet.md",
        include_str!("../../report-templates/avsnitt/verksamhet.md"),
    ),
    (
        "avsnitt/underlag.md",
        include_str!("../../report-templates/avsnitt/underlag.md"),
    ),
    (
        "bilaga.md",
        include_str!("../../report-templates/bilaga.md"),
    ),
    (
        "standardtext/sammanfattning.md",
        include_str!("../../report-templates/standardtext/sammanfattning.md"),
    ),
    (
        "standardtext/ledningssystem.md",
        include_str!("../../report-templates/standardtext/ledningssystem.md"),
    ),
    (
        "standardtext/egenkontroll.md",
        include_str!("../../report-templates/standardtext/egenkontroll.md"),
    ),
    (
        "standardtext/samverkan.md",
        include_str!("../../report-templates/standardtext/samverkan.md"),
    ),
    (
        "standardtext/bedomning.md",
        include_str!("../../report-templates/standardtext/bedomning.md"),
    ),
    (
        "standardtext/fortsatt_arbete.md",
        include_str!("../../report-templates/standardtext/fortsatt_arbete.md"),
    ),
    (
        "sida.html",
        include_str!("../../report-templates/sida.html"),
    ),
];

/// Builds the environment for one report: `tables` maps each table key to its number. Charts
/// find no table here; [`super::render`] registers `diagram` with the report's tables.
pub fn environment(sources: &[(String, String)], tables: BTreeMap<String, usize>) -> Result<Tera> {
    environment_with(sources, tables, |tera| {
        super::diagram::register(tera, std::sync::Arc::default(), std::sync::Arc::default());
    })
}

/// [`environment`], with `extend` registering further functions before the templates are
/// parsed (Tera rejects a template that calls an unknown function).
pub fn environment_with(
    sources: &[(String, String)],
    tables: BTreeMap<String, usize>,
    extend: impl FnOnce(&mut Tera),
) -> Result<Tera> {
    let mut tera = Tera::new();
    extend(&mut tera);
    tera.register_function(
        "tabell",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("id")?;
            match tables.get(key) {
                // In the HTML pass the reference links to the table.
                Some(n) if state.get::<bool>("html")?.unwrap_or(false) => Ok(format!(
                    "[tabell {n}](#{})",
                    super::markers::table_anchor(*n)
                )),
                Some(n) => Ok(format!("tabell {n}")),
                None => {
                    let hint = suggest(key, tables.keys().map(String::as_str))
                        .map(|s| format!("; menade du \"{s}\"?"))
                        .unwrap_or_default();
                    Err(tera::Error::message(format!(
                        "okänd tabellnyckel \"{key}\"{hint}"
                    )))
                }
            }
        },
    );
    tera.register_filter("tal", |v: Value, _: Kwargs, state: &State| -> String {
        match v.as_i64() {
            Some(n) => format::int(n),
            None => absent(state).to_string(),
        }
    });
    tera.register_filter(
        "procent",
        |v: Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let decimals: u32 = kwargs.get("decimaler")?.unwrap_or(0);
            Ok(ratio(&v).map_or_else(
                || format::MISSING.to_string(),
                |r| format::percent(r, decimals),
            ))
        },
    );
    tera.register_filter(
        "dagar",
        |v: Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let unit: bool = kwargs.get("enhet")?.unwrap_or(false);
            Ok(days(ratio(&v), unit))
        },
    );
    tera.register_filter(
        "forandring",
        |v: Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let pair = Pair::deserialize_from(v)?;
            let year: Option<i64> = kwargs.get("ar")?;
            Ok(phrases::change(pair, year))
        },
    );
    tera.register_filter(
        "lista",
        |v: Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let items: Vec<Named> = serde::Deserialize::deserialize(v)
                .map_err(|e| tera::Error::message(e.to_string()))?;
            let n: usize = kwargs.get("antal")?.unwrap_or(3);
            Ok(phrases::list(
                &items,
                n,
                kwargs.get("gemener")?.unwrap_or(false),
            ))
        },
    );
    tera.register_filter(
        "antal",
        |v: Value, kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let one: &str = kwargs.must_get("en")?;
            let many: &str = kwargs.must_get("flera")?;
            Ok(match v.as_i64() {
                None => format!("{} {many}", absent(state)),
                n => phrases::count(n, one, many),
            })
        },
    );
    tera.register_filter("md", |v: Value, _: Kwargs, _: &State| -> String {
        markdown::escape(
            &v.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string()),
        )
    });
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| template_error(&e, sources))?;
    Ok(tera)
}

impl Pair {
    fn deserialize_from(v: Value) -> tera::TeraResult<Pair> {
        #[derive(serde::Deserialize)]
        struct P {
            ar: Option<i64>,
            fg: Option<i64>,
        }
        let p: P = serde::Deserialize::deserialize(v)
            .map_err(|e| tera::Error::message(format!("väntade ett värdepar (ar, fg): {e}")))?;
        Ok(Pair { ar: p.ar, fg: p.fg })
    }
}

/// How a count without a value reads in the text: in the report of a part of the organisation
/// (`del`) a figure is absent only because the confidentiality rule hides it (".."); otherwise
/// it is missing from the data ("–").
fn absent(state: &State) -> &'static str {
    if state.get::<bool>("del").ok().flatten().unwrap_or(false) {
        format::SUPPRESSED
    } else {
        format::MISSING
    }
}

/// A ratio serialized as `{num, den}`, or a plain number.
/// A number of days rounded to whole days ("–" when missing); with `unit`, followed by "dag"
/// when it shows as 1 and "dagar" otherwise.
fn days(r: Option<Ratio>, unit: bool) -> String {
    let n = r.map_or_else(|| format::MISSING.to_string(), |r| format::decimal(r, 0));
    match (unit, n.as_str()) {
        (false, _) => n,
        (true, "1") => format!("{n} dag"),
        (true, _) => format!("{n} dagar"),
    }
}

fn ratio(v: &Value) -> Option<Ratio> {
    if let Some(m) = v.as_map() {
        let get = |k: &str| {
            m.iter()
                .find(|(key, _)| key.as_str() == Some(k))
                .and_then(|(_, v)| v.as_i128())
        };
        return Ratio::new(get("num")?, get("den")?);
    }
    v.as_i64().map(Ratio::int)
}

/// Renders `name` with `ctx`.
pub fn render(
    tera: &Tera,
    name: &str,
    ctx: &Context,
    sources: &[(String, String)],
) -> Result<String> {
    tera.render(name, ctx)
        .map_err(|e| template_error(&e, sources))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_whole_and_one_day_is_singular() {
        let r = |n, d| Ratio::new(n, d);
        assert_eq!(days(r(33, 1), false), "33");
        assert_eq!(days(r(33, 1), true), "33 dagar");
        assert_eq!(days(r(3, 2), true), "2 dagar");
        assert_eq!(days(r(5, 4), true), "1 dag");
        assert_eq!(days(r(0, 1), true), "0 dagar");
        assert_eq!(days(None, false), format::MISSING);
    }
}

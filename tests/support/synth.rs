//! Synthetic report register (test and bench data): a deterministic generator and its xlsx/CSV writers.
//!
//! Self-contained on purpose (std + `rust_xlsxwriter` only) so that it can be pulled into
//! integration tests and benches with `#[path = "..."] mod synth;`. Every cell follows the
//! register's data contract; the same `Spec` always yields the same rows and the same bytes.
#![allow(dead_code)]

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

// ---------------------------------------------------------------------------
// Vocabulary of the data contract
// ---------------------------------------------------------------------------

/// Canonical headers, in order.
pub const HEADERS: [&str; 16] = [
    "Id",
    "Typ",
    "Händelsedatum",
    "Rapporterad",
    "Förvaltning",
    "Enhet",
    "Händelsetyp",
    "Bedömning",
    "Lex Sarah",
    "Anmäld IVO",
    "Anmäld IMY",
    "Bakomliggande orsak",
    "Åtgärd",
    "Status",
    "Avslutad",
    "Beskrivning",
];

pub const SHEET_NAME: &str = "Rapporter";
pub const FORVALTNING: &str = "Socialförvaltningen";

pub const ENHETER: [&str; 6] = [
    "Försörjningsstödsenheten",
    "Arbetsmarknadsenheten",
    "Enheten för barn och unga",
    "Enheten för missbruk och socialpsykiatri",
    "Familjeenheten",
    "Mottagningsenheten",
];

pub const HANDELSETYPER: [&str; 8] = [
    "Lång handläggningstid",
    "Sekretessbrott",
    "Felaktig hantering av handlingar",
    "Brister i dokumentation",
    "Uteblivet beslut",
    "Felaktig utbetalning",
    "Bemötande",
    "Brister i samverkan",
];

pub const BEDOMNINGAR: [&str; 6] = [
    "Ingen avvikelse",
    "Avvikelse",
    "Missförhållande",
    "Påtaglig risk för missförhållande",
    "Allvarligt missförhållande",
    "Påtaglig risk för allvarligt missförhållande",
];

/// The Bedömning values that make a report a lex Sarah report.
pub const LEX_SARAH_BEDOMNINGAR: [&str; 4] = [
    "Missförhållande",
    "Påtaglig risk för missförhållande",
    "Allvarligt missförhållande",
    "Påtaglig risk för allvarligt missförhållande",
];

/// The Bedömning values that may be reported to IVO.
pub const ALLVARLIGA_BEDOMNINGAR: [&str; 2] = [
    "Allvarligt missförhållande",
    "Påtaglig risk för allvarligt missförhållande",
];

pub const ORSAKER: [&str; 7] = [
    "Kommunikation och information",
    "Omgivning och organisation",
    "Processer och rutiner",
    "Teknisk utrustning",
    "Utbildning och kompetens",
    "Annat",
    "Ingen avvikelse / missförhållande",
];
pub const INGEN_ORSAK: &str = "Ingen avvikelse / missförhållande";

pub const ATGARDER: [&str; 7] = [
    "Översyn av rutin eller process",
    "Utbildning och kompetensutveckling",
    "Information och kommunikation",
    "Förändrad organisation eller bemanning",
    "Teknisk åtgärd",
    "Diskussion i arbetsgrupp",
    "Ingen åtgärd",
];
pub const INGEN_ATGARD: &str = "Ingen åtgärd";

/// Separator of multi-label cells (Bakomliggande orsak, Åtgärd).
pub const LABEL_SEPARATOR: &str = "; ";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Typ {
    Avvikelse,
    Klagomal,
    Synpunkt,
    Personuppgiftsincident,
}

impl Typ {
    pub const ALL: [Typ; 4] = [
        Typ::Avvikelse,
        Typ::Klagomal,
        Typ::Synpunkt,
        Typ::Personuppgiftsincident,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Typ::Avvikelse => "Avvikelse",
            Typ::Klagomal => "Klagomål",
            Typ::Synpunkt => "Synpunkt",
            Typ::Personuppgiftsincident => "Personuppgiftsincident",
        }
    }

    pub fn id_prefix(self) -> &'static str {
        match self {
            Typ::Avvikelse => "AV",
            Typ::Klagomal => "KL",
            Typ::Synpunkt => "SY",
            Typ::Personuppgiftsincident => "PU",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Pagaende,
    Avslutad,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Pagaende => "Pågående",
            Status::Avslutad => "Avslutad",
        }
    }
}

// ---------------------------------------------------------------------------
// Dates (proleptic Gregorian, no external crate)
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Date {
        assert!(
            (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month),
            "invalid date {year}-{month}-{day}"
        );
        Date { year, month, day }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Date::days`].
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// Days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days() - self.days()
    }

    fn excel(self) -> Result<ExcelDateTime, XlsxError> {
        ExcelDateTime::from_ymd(self.year as u16, self.month as u8, self.day as u8)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// ---------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------

/// One report of the register. Field order follows [`HEADERS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub typ: Typ,
    pub handelsedatum: Date,
    pub rapporterad: Date,
    pub forvaltning: &'static str,
    pub enhet: &'static str,
    pub handelsetyp: Option<&'static str>,
    pub bedomning: Option<&'static str>,
    pub lex_sarah: bool,
    pub anmald_ivo: bool,
    pub anmald_imy: bool,
    /// Labels in [`ORSAKER`] order; empty only while Pågående.
    pub bakomliggande_orsak: Vec<&'static str>,
    /// Labels in [`ATGARDER`] order; empty only while Pågående.
    pub atgard: Vec<&'static str>,
    pub status: Status,
    pub avslutad: Option<Date>,
    pub beskrivning: String,
}

/// A cell as the writers see it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Date(Date),
    Empty,
}

fn ja_nej(b: bool) -> Cell<'static> {
    Cell::Text(Cow::Borrowed(if b { "Ja" } else { "Nej" }))
}

fn opt_text(s: Option<&'static str>) -> Cell<'static> {
    s.map_or(Cell::Empty, |s| Cell::Text(Cow::Borrowed(s)))
}

fn labels(l: &[&'static str]) -> Cell<'static> {
    if l.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(Cow::Owned(l.join(LABEL_SEPARATOR)))
    }
}

impl Row {
    /// The row's cells in [`HEADERS`] order.
    pub fn cells(&self) -> [Cell<'_>; 16] {
        [
            Cell::Text(Cow::Borrowed(&self.id)),
            Cell::Text(Cow::Borrowed(self.typ.label())),
            Cell::Date(self.handelsedatum),
            Cell::Date(self.rapporterad),
            Cell::Text(Cow::Borrowed(self.forvaltning)),
            Cell::Text(Cow::Borrowed(self.enhet)),
            opt_text(self.handelsetyp),
            opt_text(self.bedomning),
            ja_nej(self.lex_sarah),
            ja_nej(self.anmald_ivo),
            ja_nej(self.anmald_imy),
            labels(&self.bakomliggande_orsak),
            labels(&self.atgard),
            Cell::Text(Cow::Borrowed(self.status.label())),
            self.avslutad.map_or(Cell::Empty, Cell::Date),
            Cell::Text(Cow::Borrowed(&self.beskrivning)),
        ]
    }
}

// ---------------------------------------------------------------------------
// Spec
// ---------------------------------------------------------------------------

/// What to generate. Equal specs give equal registers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    pub seed: u64,
    pub first_year: i32,
    pub years: u32,
    /// Reports per year (by Händelsedatum), one entry per year: `len() == years`.
    pub rows_per_year: Vec<u32>,
}

impl Spec {
    /// The fictional municipality's register committed as `sample-data/rapporter.xlsx`.
    pub fn sample() -> Spec {
        Spec {
            seed: 0x6b76_616c_6974_657b, // "kvalitet" + 7: the first such seed whose sample covers every category
            first_year: 2018,
            years: 5,
            rows_per_year: vec![180, 210, 240, 260, 300],
        }
    }

    /// Same number of reports every year.
    pub fn uniform(seed: u64, first_year: i32, years: u32, rows: u32) -> Spec {
        Spec {
            seed,
            first_year,
            years,
            rows_per_year: vec![rows; years as usize],
        }
    }

    pub fn last_year(&self) -> i32 {
        self.first_year + self.years as i32 - 1
    }

    /// The day the register was exported: reports still open then are Pågående.
    pub fn extract_date(&self) -> Date {
        Date::new(self.last_year() + 1, 1, 10)
    }

    pub fn total_rows(&self) -> u64 {
        self.rows_per_year.iter().map(|&n| u64::from(n)).sum()
    }
}

// ---------------------------------------------------------------------------
// PRNG: splitmix64
// ---------------------------------------------------------------------------

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n).
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0);
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Index drawn with probability proportional to `weights`.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// `count` distinct indices drawn by weight, returned in ascending order.
    fn distinct(&mut self, weights: &[f64], count: usize) -> Vec<usize> {
        let mut w = weights.to_vec();
        let mut out = Vec::with_capacity(count);
        for _ in 0..count.min(w.iter().filter(|&&x| x > 0.0).count()) {
            let i = self.weighted(&w);
            w[i] = 0.0;
            out.push(i);
        }
        out.sort_unstable();
        out
    }
}

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

/// Reports per month, relative (summer and Christmas holidays are quieter, autumn busier).
const SEASON: [f64; 12] = [
    1.0, 1.0, 1.1, 1.0, 1.05, 1.1, 0.7, 0.95, 1.15, 1.15, 1.1, 0.8,
];

/// Relative sizes of the units, in [`ENHETER`] order, and their yearly trend.
const UNIT_SIZE: [f64; 6] = [0.26, 0.09, 0.24, 0.16, 0.11, 0.14];
const UNIT_TREND: [f64; 6] = [0.00, -0.06, 0.08, 0.03, -0.02, 0.04];

/// Händelsetyp weights for avvikelser, in [`HANDELSETYPER`] order.
const HANDELSETYP_BASE: [f64; 8] = [0.22, 0.10, 0.12, 0.20, 0.06, 0.08, 0.10, 0.12];

/// Per-unit multipliers on [`HANDELSETYP_BASE`] (rows in [`ENHETER`] order).
const HANDELSETYP_BY_UNIT: [[f64; 8]; 6] = [
    [1.0, 0.8, 1.0, 1.0, 1.0, 4.0, 1.0, 0.7], // Försörjningsstöd
    [1.0, 0.7, 0.8, 1.0, 0.8, 2.5, 1.0, 1.5], // Arbetsmarknad
    [1.5, 1.1, 1.0, 1.1, 1.0, 0.2, 0.9, 1.8], // Barn och unga
    [1.0, 1.0, 0.9, 1.0, 1.0, 0.3, 1.4, 1.6], // Missbruk och socialpsykiatri
    [1.0, 1.3, 1.1, 1.3, 1.0, 0.2, 1.0, 1.0], // Familj
    [1.3, 1.0, 1.2, 0.9, 1.8, 0.5, 1.1, 0.8], // Mottagning
];

/// How much more (or less) likely each Händelsetyp is to be a lex Sarah matter.
const LEX_SARAH_BY_HANDELSETYP: [f64; 8] = [1.0, 1.3, 1.0, 0.9, 1.3, 0.7, 1.1, 1.0];

/// Orsak weights (without [`INGEN_ORSAK`]), in [`ORSAKER`] order.
const ORSAK_WEIGHTS: [f64; 7] = [0.25, 0.20, 0.30, 0.07, 0.13, 0.05, 0.0];
/// Åtgärd weights (without [`INGEN_ATGARD`]), in [`ATGARDER`] order.
const ATGARD_WEIGHTS: [f64; 7] = [0.30, 0.18, 0.20, 0.07, 0.06, 0.19, 0.0];

struct YearParams {
    season: [f64; 12],
    units: [f64; 6],
    share_pu: f64,
    share_klagomal: f64,
    share_synpunkt: f64,
    lex_sarah: f64,
}

fn year_params(rng: &mut Rng, spec: &Spec, year_index: u32) -> YearParams {
    // Progress through the period, 0 in the first year, 1 in the last.
    let t = if spec.years > 1 {
        f64::from(year_index) / f64::from(spec.years - 1)
    } else {
        1.0
    };
    let mut season = SEASON;
    for s in &mut season {
        *s *= 0.85 + 0.3 * rng.unit();
    }
    let mut units = UNIT_SIZE;
    for (u, trend) in units.iter_mut().zip(UNIT_TREND) {
        *u *= (1.0 + trend).powf(f64::from(year_index)) * (0.9 + 0.2 * rng.unit());
    }
    YearParams {
        season,
        units,
        share_pu: 0.05 + 0.02 * t + 0.008 * rng.unit(),
        share_klagomal: 0.07 + 0.02 * rng.unit(),
        share_synpunkt: 0.035 + 0.015 * rng.unit(),
        lex_sarah: (0.22 + 0.18 * t + 0.02 * (rng.unit() - 0.5)).clamp(0.20, 0.42),
    }
}

/// Generates the register described by `spec`, ordered by Rapporterad then Id.
pub fn generate(spec: &Spec) -> Vec<Row> {
    assert_eq!(
        spec.rows_per_year.len(),
        spec.years as usize,
        "rows_per_year needs one entry per year"
    );
    let mut rng = Rng::new(spec.seed);
    let extract = spec.extract_date();
    let mut rows = Vec::with_capacity(spec.total_rows() as usize);
    for (year_index, &n) in spec.rows_per_year.iter().enumerate() {
        let year = spec.first_year + year_index as i32;
        let params = year_params(&mut rng, spec, year_index as u32);
        for _ in 0..n {
            rows.push(draft_row(&mut rng, &params, year, extract));
        }
    }
    // Stable order: by Rapporterad, then Händelsedatum, then generation order (sort is stable).
    rows.sort_by_key(|r| (r.rapporterad, r.handelsedatum));
    assign_ids(&mut rows);
    rows
}

fn assign_ids(rows: &mut [Row]) {
    let mut counters: std::collections::HashMap<(Typ, i32), u32> = Default::default();
    for row in rows {
        let n = counters.entry((row.typ, row.rapporterad.year)).or_insert(0);
        *n += 1;
        row.id = format!("{}-{}-{:05}", row.typ.id_prefix(), row.rapporterad.year, n);
    }
}

fn draft_row(rng: &mut Rng, p: &YearParams, year: i32, extract: Date) -> Row {
    let month = rng.weighted(&p.season) as u32 + 1;
    let day = rng.below(u64::from(days_in_month(year, month))) as u32 + 1;
    let handelsedatum = Date::new(year, month, day);

    let typ = match rng.unit() {
        x if x < p.share_pu => Typ::Personuppgiftsincident,
        x if x < p.share_pu + p.share_klagomal => Typ::Klagomal,
        x if x < p.share_pu + p.share_klagomal + p.share_synpunkt => Typ::Synpunkt,
        _ => Typ::Avvikelse,
    };
    let unit = rng.weighted(&p.units);
    let enhet = ENHETER[unit];

    // Most reports come in within a few days; a long tail up to 20 days.
    let lag = ((21.0 * rng.unit().powf(2.5)) as i64).min(20);
    let rapporterad = handelsedatum.add_days(lag).min(extract);

    let (handelsetyp, bedomning) = match typ {
        Typ::Avvikelse => {
            let mut w = HANDELSETYP_BASE;
            for (w, m) in w.iter_mut().zip(HANDELSETYP_BY_UNIT[unit]) {
                *w *= m;
            }
            let h = rng.weighted(&w);
            let p_ls = (p.lex_sarah * LEX_SARAH_BY_HANDELSETYP[h]).min(0.6);
            let b = if rng.chance(p_ls) {
                LEX_SARAH_BEDOMNINGAR[rng.weighted(&[0.44, 0.44, 0.05, 0.07])]
            } else if rng.chance(0.15) {
                "Ingen avvikelse"
            } else {
                "Avvikelse"
            };
            (Some(HANDELSETYPER[h]), Some(b))
        }
        Typ::Klagomal => {
            let h = [None, Some("Bemötande"), Some("Lång handläggningstid")];
            (h[rng.weighted(&[0.4, 0.35, 0.25])], None)
        }
        Typ::Synpunkt => {
            let h = [None, Some("Bemötande"), Some("Lång handläggningstid")];
            (h[rng.weighted(&[0.6, 0.25, 0.15])], None)
        }
        Typ::Personuppgiftsincident => (rng.chance(0.8).then_some("Sekretessbrott"), None),
    };
    let lex_sarah = bedomning.is_some_and(|b| LEX_SARAH_BEDOMNINGAR.contains(&b));
    // An allvarligt missförhållande (or a påtaglig risk for one) must be reported to IVO. The
    // draw is kept (unused) so the random stream, and thus the committed sample seed's
    // coverage of every category, stays as it was when the seed was chosen.
    let _kept_draw = rng.chance(0.5);
    let anmald_ivo = bedomning.is_some_and(|b| ALLVARLIGA_BEDOMNINGAR.contains(&b));
    let anmald_imy = typ == Typ::Personuppgiftsincident && rng.chance(0.25);

    // Closing: 3–120 days, mostly within a month or two.
    let duration = 3 + ((118.0 * rng.unit().powf(1.8)) as i64).min(117);
    let closes = rapporterad.add_days(duration);
    let pending = closes > extract || rng.chance(0.012);
    let (status, avslutad) = if pending {
        (Status::Pagaende, None)
    } else {
        (Status::Avslutad, Some(closes))
    };

    let no_finding = bedomning == Some("Ingen avvikelse");
    let mut bakomliggande_orsak = if typ != Typ::Avvikelse {
        Vec::new()
    } else if no_finding {
        vec![INGEN_ORSAK]
    } else {
        let n = rng.weighted(&[0.5, 0.35, 0.15]) + 1;
        rng.distinct(&ORSAK_WEIGHTS, n)
            .into_iter()
            .map(|i| ORSAKER[i])
            .collect()
    };
    let mut atgard = if no_finding || (typ != Typ::Avvikelse && rng.chance(0.15)) {
        vec![if rng.chance(0.7) {
            INGEN_ATGARD
        } else {
            "Diskussion i arbetsgrupp"
        }]
    } else {
        let mut w = ATGARD_WEIGHTS;
        if bakomliggande_orsak.contains(&"Teknisk utrustning") {
            w[4] *= 6.0; // Teknisk åtgärd
        }
        if bakomliggande_orsak.contains(&"Utbildning och kompetens") {
            w[1] *= 3.0; // Utbildning och kompetensutveckling
        }
        let n = rng.weighted(&[0.6, 0.4]) + 1;
        rng.distinct(&w, n)
            .into_iter()
            .map(|i| ATGARDER[i])
            .collect()
    };
    if pending {
        // Investigation not finished: often nothing filled in yet.
        match rng.weighted(&[0.6, 0.2, 0.2]) {
            0 => {
                bakomliggande_orsak.clear();
                atgard.clear();
            }
            1 => atgard.clear(),
            _ => {}
        }
    }

    let beskrivning = beskrivning(rng, typ, handelsetyp);
    Row {
        id: String::new(),
        typ,
        handelsedatum,
        rapporterad,
        forvaltning: FORVALTNING,
        enhet,
        handelsetyp,
        bedomning,
        lex_sarah,
        anmald_ivo,
        anmald_imy,
        bakomliggande_orsak,
        atgard,
        status,
        avslutad,
        beskrivning,
    }
}

// ---------------------------------------------------------------------------
// Free text: harmless synthetic sentences without digits, names or addresses
// ---------------------------------------------------------------------------

/// Opening sentences per Händelsetyp, in [`HANDELSETYPER`] order.
const OPENINGS: [[&str; 3]; 8] = [
    [
        "Handläggningen av ärendet drog ut på tiden.",
        "Beslut fattades senare än vad som hade utlovats.",
        "Ansökan blev liggande utan åtgärd under en längre period.",
    ],
    [
        "Uppgifter lämnades ut till fel mottagare.",
        "Ett brev skickades till en tidigare adress.",
        "Handlingar med sekretessuppgifter låg framme i ett gemensamt utrymme.",
    ],
    [
        "En inkommen handling registrerades inte i tid.",
        "Handlingar skannades in i fel akt.",
        "Originalhandlingar kunde inte återfinnas vid arkivering.",
    ],
    [
        "Journalanteckningar saknades för flera kontakter.",
        "Dokumentationen var ofullständig inför uppföljningen.",
        "Genomförandeplanen hade inte uppdaterats.",
    ],
    [
        "Ett beslut om insats fattades aldrig trots ansökan.",
        "Ärendet avslutades utan att beslut meddelades.",
        "Beslut om fortsatt stöd uteblev efter utredningen.",
    ],
    [
        "En utbetalning gjordes med fel belopp.",
        "Utbetalningen gick till fel mottagare.",
        "Ekonomiskt bistånd betalades ut dubbelt för samma period.",
    ],
    [
        "Den enskilde upplevde att bemötandet vid besöket var otrevligt.",
        "Anhöriga framförde att de inte blev lyssnade på.",
        "Den enskilde beskrev bemötandet som \"kallt och stressat\".",
    ],
    [
        "Informationen mellan enheterna nådde inte fram i tid.",
        "Samordnad planering kom inte till stånd som avsett.",
        "Ansvarsfördelningen mellan huvudmännen var oklar.",
    ],
];

const OPENINGS_KLAGOMAL: [&str; 3] = [
    "Klagomål på hur ärendet har hanterats.",
    "Den enskilde är missnöjd med handläggningen.",
    "Klagomål på att information inte har lämnats.",
];
const OPENINGS_SYNPUNKT: [&str; 3] = [
    "Synpunkt om tillgängligheten på mottagningen.",
    "Förslag om tydligare information på webbplatsen.",
    "Synpunkt på öppettiderna, som upplevs som för korta.",
];
const OPENINGS_PU: [&str; 3] = [
    "Personuppgifter visades för obehöriga i verksamhetssystemet.",
    "En handling med personuppgifter skickades till fel mottagare.",
    "Behörigheter i verksamhetssystemet var för vida.",
];

const SENTENCES: [&str; 30] = [
    "Händelsen uppmärksammades av en kollega.",
    "Närmaste chef informerades samma dag.",
    "Ärendet har diskuterats på arbetsplatsträffen.",
    "Rutinen för hantering av inkommande post ses över.",
    "Den enskilde har informerats om händelsen.",
    "Ingen skada uppstod enligt den första bedömningen.",
    "Händelsen inträffade under en period med hög arbetsbelastning.",
    "Vikarierande personal hade inte fått introduktion i rutinen.",
    "Verksamhetssystemet var tillfälligt otillgängligt.",
    "Uppföljning planeras inom ramen för egenkontrollen.",
    "Liknande händelser har rapporterats tidigare under året.",
    "Utredningen visar att flera faktorer samverkade.",
    "Berörd personal har fått återkoppling.",
    "Kontakt har tagits med den enskilde för att reda ut frågan.",
    "Det saknades en tydlig ansvarsfördelning i arbetsgruppen.",
    "Felet har rättats till.",
    "Information om rutinen har skickats ut till alla handläggare.",
    "Ärendet lämnades över mellan två handläggare utan överlämning.",
    "Tekniska problem försvårade arbetet under dagen.",
    "Kvalitetsutvecklaren följer upp ärendet.",
    "Händelsen bedöms kunna upprepas om inget görs.",
    "Arbetsgruppen har gått igenom händelsen tillsammans.",
    "Det finns behov av kompetensutveckling inom området.",
    "En checklista har tagits fram för att förebygga liknande fel.",
    "Den enskildes företrädare har kontaktats.",
    "Ärendet följs upp vid nästa ledningsgrupp.",
    "Efter genomgång, och i samråd med enhetschefen, har rutinen justerats.",
    "Bemanningen var lägre än vanligt på grund av sjukfrånvaro.",
    "Rapporten kompletterades efter samtal med berörda; inget ytterligare framkom.",
    "Oklart.",
];

pub const BESKRIVNING_MIN_CHARS: usize = 30;
pub const BESKRIVNING_MAX_CHARS: usize = 400;

fn beskrivning(rng: &mut Rng, typ: Typ, handelsetyp: Option<&str>) -> String {
    let openings: &[&str] = match (typ, handelsetyp) {
        (Typ::Avvikelse, Some(h)) => {
            &OPENINGS[HANDELSETYPER.iter().position(|x| *x == h).unwrap_or(0)]
        }
        (Typ::Klagomal, _) => &OPENINGS_KLAGOMAL,
        (Typ::Synpunkt, _) => &OPENINGS_SYNPUNKT,
        _ => &OPENINGS_PU,
    };
    // Target length skewed towards short texts.
    let target = BESKRIVNING_MIN_CHARS
        + ((BESKRIVNING_MAX_CHARS - BESKRIVNING_MIN_CHARS) as f64 * rng.unit().powf(1.7)) as usize;
    let mut text = String::from(rng.pick(openings));
    let mut len = text.chars().count();
    let mut used = [false; SENTENCES.len()];
    while len < target {
        let i = rng.below(SENTENCES.len() as u64) as usize;
        let n = SENTENCES[i].chars().count() + 1;
        if len + n > BESKRIVNING_MAX_CHARS {
            break;
        }
        if !std::mem::replace(&mut used[i], true) {
            text.push(' ');
            text.push_str(SENTENCES[i]);
            len += n;
        }
    }
    debug_assert!(
        len >= BESKRIVNING_MIN_CHARS,
        "every opening is long enough: {text}"
    );
    text
}

// ---------------------------------------------------------------------------
// Writers
// ---------------------------------------------------------------------------

/// Fixed creation time so that two runs give byte-identical workbooks.
fn doc_properties() -> Result<DocProperties, XlsxError> {
    let created = ExcelDateTime::from_ymd(2023, 1, 10)?.and_hms(8, 0, 0)?;
    Ok(DocProperties::new()
        .set_title("Rapporter")
        .set_subject("Syntetiskt rapportregister för test")
        .set_author("kvalitet")
        .set_company(FORVALTNING)
        .set_creation_datetime(&created))
}

const COLUMN_WIDTHS: [f64; 16] = [
    15.0, 22.0, 14.0, 12.0, 20.0, 38.0, 30.0, 40.0, 10.0, 11.0, 11.0, 45.0, 45.0, 10.0, 12.0, 80.0,
];

/// Writes `rows` as an xlsx workbook with one sheet, [`SHEET_NAME`]: a header row, then one row
/// per report; dates are real Excel dates formatted `yyyy-mm-dd`, empty cells are left blank.
pub fn write_xlsx(path: impl AsRef<Path>, rows: &[Row]) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&doc_properties()?);
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME)?;
    for (col, (&name, &width)) in HEADERS.iter().zip(&COLUMN_WIDTHS).enumerate() {
        sheet.write_string_with_format(0, col as u16, name, &header)?;
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (col, cell) in row.cells().iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(s) => {
                    sheet.write_string(r, col, s.as_ref())?;
                }
                Cell::Date(d) => {
                    sheet.write_datetime_with_format(r, col, d.excel()?, &date)?;
                }
                Cell::Empty => {}
            }
        }
    }
    workbook.save(path)
}

/// Writes `rows` as UTF-8 CSV (no BOM, `\n` line ends) with a header row; dates as `yyyy-mm-dd`.
/// Fields are quoted when they contain the delimiter, a quote or a line break.
pub fn write_csv(path: impl AsRef<Path>, rows: &[Row], delimiter: u8) -> io::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    write_csv_to(&mut out, rows, delimiter)?;
    out.flush()
}

/// [`write_csv`] into any writer.
pub fn write_csv_to(mut out: impl Write, rows: &[Row], delimiter: u8) -> io::Result<()> {
    assert!(delimiter.is_ascii() && delimiter != b'"' && delimiter != b'\n');
    let delim = delimiter as char;
    let mut line = String::new();
    let push_field = |line: &mut String, first: bool, s: &str| {
        if !first {
            line.push(delim);
        }
        if s.contains([delim, '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&s.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(s);
        }
    };
    for (i, h) in HEADERS.iter().enumerate() {
        push_field(&mut line, i == 0, h);
    }
    line.push('\n');
    out.write_all(line.as_bytes())?;
    for row in rows {
        line.clear();
        for (i, cell) in row.cells().iter().enumerate() {
            match cell {
                Cell::Text(s) => push_field(&mut line, i == 0, s),
                Cell::Date(d) => push_field(&mut line, i == 0, &d.to_string()),
                Cell::Empty => push_field(&mut line, i == 0, ""),
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

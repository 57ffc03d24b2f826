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

/// Writes `rows` as [`write_xlsx`] does, with more columns after the others: their headers, and
/// each row's values from `extra` (given the row's index).
pub fn write_xlsx_extra(
    path: impl AsRef<Path>,
    rows: &[Row],
    headers: &[&str],
    extra: impl Fn(usize, &Row) -> Vec<&'static str>,
) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME)?;
    for (col, name) in HEADERS.iter().chain(headers).enumerate() {
        sheet.write_string(0, col as u16, *name)?;
    }
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
        for (k, v) in extra(i, row).into_iter().enumerate() {
            sheet.write_string(r, (HEADERS.len() + k) as u16, v)?;
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

// ---------------------------------------------------------------------------
// User surveys (brukarundersökningar)
// ---------------------------------------------------------------------------

/// Sheets of the aggregated survey workbook.
pub const SURVEY_SHEET_ANSWERS: &str = "Svar";
pub const SURVEY_SHEET_SAMPLE: &str = "Urval";
/// Sheets of the raw survey workbook (plus [`SURVEY_SHEET_SAMPLE`]).
pub const SURVEY_SHEET_OPTIONS: &str = "Svarsalternativ";
pub const SURVEY_SHEET_RAW: &str = "Rådata";

/// Headers of the answers sheet: one row per survey, year, question and answer option.
pub const SURVEY_ANSWER_HEADERS: [&str; 6] = [
    "Undersökning",
    "År",
    "Fråga",
    "Svarsalternativ",
    "Antal",
    "Nationellt (%)",
];
/// Headers of the option list that goes with raw answers (the answers sheet without Antal).
pub const SURVEY_OPTION_HEADERS: [&str; 5] = [
    "Undersökning",
    "År",
    "Fråga",
    "Svarsalternativ",
    "Nationellt (%)",
];
/// Headers of the sample sheet of the aggregated workbook.
pub const SURVEY_SAMPLE_HEADERS: [&str; 4] = ["Undersökning", "År", "Urval", "Antal svar"];
/// The raw workbook's sample sheet: antal svar follows from the rows of [`SURVEY_SHEET_RAW`].
pub const SURVEY_RAW_SAMPLE_HEADERS: [&str; 3] = ["Undersökning", "År", "Urval"];

/// The option kept out of the base of the percentages.
pub const VET_INTE: &str = "Vet inte/Ingen åsikt";

/// One question of SKR's IFO survey: its text and answer scale, best option first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuestionDef {
    pub text: &'static str,
    pub scale: &'static [&'static str],
    /// Whether "Vet inte/Ingen åsikt" follows the scale.
    pub dont_know: bool,
}

const LATT: &[&str] = &["Mycket lätt", "Ganska lätt", "Ganska svårt", "Mycket svårt"];

/// SKR's brukarundersökning inom individ- och familjeomsorgen: the same seven questions in every
/// area, with the answer scales of the survey (as in Håbo's report for 2022).
pub const IFO_QUESTIONS: [QuestionDef; 7] = [
    QuestionDef {
        text: "Hur lätt eller svårt är det att få kontakt med socialsekreteraren (till exempel via telefon, sms eller e-post)?",
        scale: LATT,
        dont_know: true,
    },
    QuestionDef {
        text: "Hur lätt eller svårt är det att förstå informationen du får av socialsekreteraren?",
        scale: LATT,
        dont_know: true,
    },
    QuestionDef {
        text: "Hur stor förståelse visar socialsekreteraren för din situation?",
        scale: &["Mycket stor", "Ganska stor", "Ganska liten", "Ingen alls"],
        dont_know: true,
    },
    QuestionDef {
        text: "Frågar socialsekreteraren efter dina synpunkter på hur din situation skulle kunna förändras?",
        scale: &["Ja", "Nej"],
        dont_know: false,
    },
    QuestionDef {
        text: "Hur mycket har du kunnat påverka vilken typ av hjälp du får av socialtjänsten i kommunen?",
        scale: &["Mycket", "Ganska mycket", "Ganska lite", "Inte alls"],
        dont_know: true,
    },
    QuestionDef {
        text: "Hur nöjd eller missnöjd är du sammantaget med det stöd du får från socialtjänsten i kommunen?",
        scale: &[
            "Mycket nöjd",
            "Ganska nöjd",
            "Ganska missnöjd",
            "Mycket missnöjd",
        ],
        dont_know: true,
    },
    QuestionDef {
        text: "Hur har din situation förändrats sedan du fick kontakt med socialtjänsten i kommunen?",
        scale: &[
            "Förbättrats mycket",
            "Förbättrats lite",
            "Ingen förändring",
            "Försämrats lite",
            "Försämrats mycket",
        ],
        dont_know: true,
    },
];

pub const SURVEY_EKONOMISKT_BISTAND: &str = "Ekonomiskt bistånd";
pub const SURVEY_MISSBRUK: &str = "Missbruks- och beroendevård";
pub const SURVEY_BARN_OCH_UNGA: &str = "Barn- och ungdomsvård – vårdnadshavare";
/// The municipality's own small survey: too few answers in 2022, no national comparison.
pub const SURVEY_FAMILJERATT: &str = "Familjerätt";

/// National shares per question in [`IFO_QUESTIONS`] order: the scale's shares (%, of the
/// answers without Vet inte) and the share of Vet inte/Ingen åsikt (of all answers).
type National = [(&'static [u32], Option<u32>); 7];

/// The national results for 2022 as printed in Håbo's kvalitetsberättelse (rounded shares, so
/// a scale may sum to 99 or 101).
const NATIONAL_2022_EKONOMISKT_BISTAND: National = [
    (&[48, 41, 8, 3], Some(2)),
    (&[46, 43, 9, 2], Some(2)),
    (&[50, 36, 11, 4], Some(5)),
    (&[86, 14], None),
    (&[27, 41, 24, 8], Some(15)),
    (&[44, 42, 8, 5], Some(4)),
    (&[44, 36, 14, 3, 4], Some(8)),
];
const NATIONAL_2022_MISSBRUK: National = [
    (&[49, 41, 7, 2], Some(5)),
    (&[58, 37, 4, 1], Some(2)),
    (&[65, 27, 6, 2], Some(3)),
    (&[94, 6], None),
    (&[37, 46, 13, 4], Some(10)),
    (&[58, 33, 6, 3], Some(5)),
    (&[57, 31, 9, 1, 2], Some(9)),
];
const NATIONAL_2022_BARN_OCH_UNGA: National = [
    (&[46, 44, 7, 3], Some(15)),
    (&[58, 36, 4, 2], Some(3)),
    (&[55, 33, 9, 4], Some(4)),
    (&[89, 11], None),
    (&[28, 44, 19, 9], Some(23)),
    (&[47, 39, 7, 7], Some(11)),
    (&[35, 32, 24, 3, 7], Some(21)),
];

/// One survey area as the generator sees it.
struct AreaDef {
    name: &'static str,
    /// The national results of 2022; the generator also answers from them.
    national: &'static National,
    /// Whether the survey is SKR's (national shares are written) or the municipality's own.
    has_national: bool,
    years: &'static [AreaYearDef],
}

/// One year of a survey area.
struct AreaYearDef {
    year: i32,
    /// Urval is drawn from this range (inclusive).
    urval: (u32, u32),
    /// The response rate is drawn from this range.
    rate: (f64, f64),
    /// How much more content the area's respondents are than the nation's (0 = as the nation).
    tilt: f64,
}

const fn area_year(year: i32, urval: (u32, u32), rate: (f64, f64), tilt: f64) -> AreaYearDef {
    AreaYearDef {
        year,
        urval,
        rate,
        tilt,
    }
}

const AREAS: [AreaDef; 4] = [
    AreaDef {
        name: SURVEY_EKONOMISKT_BISTAND,
        national: &NATIONAL_2022_EKONOMISKT_BISTAND,
        has_national: true,
        years: &[
            area_year(2021, (58, 70), (0.31, 0.40), -0.35),
            area_year(2022, (62, 78), (0.33, 0.44), 0.05),
        ],
    },
    AreaDef {
        name: SURVEY_MISSBRUK,
        national: &NATIONAL_2022_MISSBRUK,
        has_national: true,
        years: &[
            area_year(2021, (24, 30), (0.48, 0.60), 0.15),
            area_year(2022, (26, 34), (0.52, 0.62), 0.30),
        ],
    },
    AreaDef {
        name: SURVEY_BARN_OCH_UNGA,
        national: &NATIONAL_2022_BARN_OCH_UNGA,
        has_national: true,
        years: &[
            area_year(2021, (20, 26), (0.36, 0.44), 0.35),
            area_year(2022, (22, 28), (0.31, 0.38), -0.15),
        ],
    },
    AreaDef {
        name: SURVEY_FAMILJERATT,
        national: &NATIONAL_2022_EKONOMISKT_BISTAND,
        has_national: false,
        years: &[area_year(2022, (9, 9), (0.44, 0.45), 0.20)],
    },
];

/// What to generate. Equal specs give equal surveys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveySpec {
    pub seed: u64,
}

impl SurveySpec {
    /// Norrviks kommun's surveys, committed as `sample-data/brukarundersokning.xlsx`.
    pub fn sample() -> SurveySpec {
        SurveySpec {
            seed: 0x6272_756b_6172_0001, // "brukar" + 1
        }
    }
}

/// One answer option: its label and the national share in whole per cent, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyOption {
    pub label: &'static str,
    pub national: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyQuestion {
    pub text: &'static str,
    /// The scale, best first, then "Vet inte/Ingen åsikt" if the question has it.
    pub options: Vec<SurveyOption>,
}

/// One survey area in one year, down to each respondent's answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyYear {
    pub name: &'static str,
    pub year: i32,
    /// How many were asked.
    pub urval: u32,
    pub questions: Vec<SurveyQuestion>,
    /// One entry per respondent: per question, the index of the chosen option in
    /// `questions[q].options`, or `None` when the question was left unanswered.
    pub respondents: Vec<Vec<Option<usize>>>,
}

impl SurveyYear {
    /// *Antal svar*: the number of respondents.
    pub fn antal_svar(&self) -> u32 {
        self.respondents.len() as u32
    }

    /// How many chose each option of question `q`, in option order.
    pub fn counts(&self, q: usize) -> Vec<u32> {
        let mut counts = vec![0; self.questions[q].options.len()];
        for answers in &self.respondents {
            if let Some(o) = answers[q] {
                counts[o] += 1;
            }
        }
        counts
    }
}

/// Rounds `shares` to whole per cent summing to exactly 100 (largest remainder).
fn to_percent(shares: &[f64]) -> Vec<u32> {
    let total: f64 = shares.iter().sum();
    let exact: Vec<f64> = shares.iter().map(|s| s / total * 100.0).collect();
    let mut out: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.partial_cmp(&ra).unwrap().then(a.cmp(&b))
    });
    let missing = 100 - out.iter().sum::<u32>();
    for &i in order.iter().take(missing as usize) {
        out[i] += 1;
    }
    out
}

/// The national results of an earlier year: the 2022 results moved a little, each scale summing
/// to 100 (as an unrounded export would).
fn national_before(rng: &mut Rng, national: &National) -> Vec<(Vec<u32>, Option<u32>)> {
    national
        .iter()
        .map(|(scale, dont_know)| {
            let moved: Vec<f64> = scale
                .iter()
                .map(|&s| (f64::from(s) + rng.below(5) as f64 - 2.0).max(1.0))
                .collect();
            let dk = dont_know.map(|d| (d + rng.below(3) as u32).saturating_sub(1).max(1));
            (to_percent(&moved), dk)
        })
        .collect()
}

/// A respondent's answer to question `q`, given their attitude (0 = as the nation).
fn draw_answer(
    rng: &mut Rng,
    def: &QuestionDef,
    national: &(&[u32], Option<u32>),
    attitude: f64,
) -> Option<usize> {
    // The Ja/Nej question is skipped more often (Håbo: 12 of 16).
    let skip = if def.dont_know { 0.04 } else { 0.12 };
    if rng.chance(skip) {
        return None;
    }
    if let Some(dk) = national.1
        && rng.chance(f64::from(dk) / 100.0 * 1.1)
    {
        return Some(def.scale.len());
    }
    let k = def.scale.len();
    let weights: Vec<f64> = national
        .0
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            // +1 for the best option, −1 for the worst.
            let score = 1.0 - 2.0 * i as f64 / (k - 1) as f64;
            f64::from(s.max(1)) * (1.6 * attitude * score).exp()
        })
        .collect();
    Some(rng.weighted(&weights))
}

/// Generates Norrviks kommun's surveys: per year (ascending), every area surveyed that year.
pub fn generate_surveys(spec: &SurveySpec) -> Vec<SurveyYear> {
    let mut rng = Rng::new(spec.seed);
    let mut out: Vec<SurveyYear> = Vec::new();
    let nationals: Vec<Vec<(Vec<u32>, Option<u32>)>> = AREAS
        .iter()
        .map(|a| national_before(&mut rng, a.national))
        .collect();
    let mut years: Vec<i32> = AREAS
        .iter()
        .flat_map(|a| a.years.iter().map(|y| y.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    for year in years {
        for (area, national_2021) in AREAS.iter().zip(&nationals) {
            let Some(def) = area.years.iter().find(|y| y.year == year) else {
                continue;
            };
            let ((lo, hi), (rate_lo, rate_hi), tilt) = (def.urval, def.rate, def.tilt);
            let urval = lo + rng.below(u64::from(hi - lo + 1)) as u32;
            let rate = rate_lo + (rate_hi - rate_lo) * rng.unit();
            let svar = (f64::from(urval) * rate).round() as u32;
            // This year's national results: as printed for 2022, moved for earlier years.
            let national: Vec<(&[u32], Option<u32>)> = if year >= 2022 {
                area.national.to_vec()
            } else {
                national_2021
                    .iter()
                    .map(|(s, d)| (s.as_slice(), *d))
                    .collect()
            };
            let questions: Vec<SurveyQuestion> = IFO_QUESTIONS
                .iter()
                .zip(&national)
                .map(|(def, (scale, dk))| {
                    let shown = |n: u32| area.has_national.then_some(n);
                    let mut options: Vec<SurveyOption> = def
                        .scale
                        .iter()
                        .zip(scale.iter())
                        .map(|(&label, &n)| SurveyOption {
                            label,
                            national: shown(n),
                        })
                        .collect();
                    if def.dont_know {
                        options.push(SurveyOption {
                            label: VET_INTE,
                            national: dk.and_then(shown),
                        });
                    }
                    SurveyQuestion {
                        text: def.text,
                        options,
                    }
                })
                .collect();
            let respondents = (0..svar)
                .map(|_| {
                    // Some are more content than others: a bell-shaped attitude around the area's.
                    let spread = (rng.unit() + rng.unit() + rng.unit() - 1.5) * 0.8;
                    let attitude = tilt + spread;
                    IFO_QUESTIONS
                        .iter()
                        .zip(&national)
                        .map(|(def, n)| draw_answer(&mut rng, def, n, attitude))
                        .collect()
                })
                .collect();
            out.push(SurveyYear {
                name: area.name,
                year,
                urval,
                questions,
                respondents,
            });
        }
    }
    out
}

fn survey_doc_properties() -> Result<DocProperties, XlsxError> {
    let created = ExcelDateTime::from_ymd(2023, 1, 10)?.and_hms(8, 0, 0)?;
    Ok(DocProperties::new()
        .set_title("Brukarundersökning")
        .set_subject("Syntetiska brukarundersökningar för test")
        .set_author("kvalitet")
        .set_company(FORVALTNING)
        .set_creation_datetime(&created))
}

/// A survey cell as the writers see it.
enum SurveyCell<'a> {
    Text(&'a str),
    Number(u32),
    Empty,
}

/// Adds a sheet with a bold header row, frozen, and `rows` below it.
fn survey_sheet<'a>(
    workbook: &mut Workbook,
    name: &str,
    headers: &[&str],
    widths: &[f64],
    rows: impl Iterator<Item = Vec<SurveyCell<'a>>>,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    for (col, (&h, &w)) in headers.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(0, col as u16, h, &bold)?;
        sheet.set_column_width(col as u16, w)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (i, cells) in rows.enumerate() {
        let r = i as u32 + 1;
        for (col, cell) in cells.iter().enumerate() {
            let col = col as u16;
            match cell {
                SurveyCell::Text(s) => {
                    sheet.write_string(r, col, *s)?;
                }
                SurveyCell::Number(n) => {
                    sheet.write_number(r, col, f64::from(*n))?;
                }
                SurveyCell::Empty => {}
            }
        }
    }
    Ok(())
}

/// Every option row of `surveys`: the survey, the question, the option and its count.
fn option_rows(
    surveys: &[SurveyYear],
) -> impl Iterator<Item = (&SurveyYear, &SurveyQuestion, &SurveyOption, u32)> {
    surveys.iter().flat_map(|s| {
        s.questions
            .iter()
            .enumerate()
            .flat_map(move |(q, question)| {
                let counts = s.counts(q);
                question
                    .options
                    .iter()
                    .zip(counts)
                    .map(move |(o, n)| (s, question, o, n))
            })
    })
}

fn national_cell(o: &SurveyOption) -> SurveyCell<'static> {
    o.national.map_or(SurveyCell::Empty, SurveyCell::Number)
}

/// Writes `surveys` in the aggregated shape of SKR's portal: sheet [`SURVEY_SHEET_ANSWERS`]
/// (Undersökning, År, Fråga, Svarsalternativ, Antal, Nationellt (%); every option, also those
/// nobody chose) and sheet [`SURVEY_SHEET_SAMPLE`] (Undersökning, År, Urval, Antal svar).
/// Years, counts and shares are numbers; a missing national share is a blank cell.
pub fn write_survey_xlsx(path: impl AsRef<Path>, surveys: &[SurveyYear]) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&survey_doc_properties()?);
    survey_sheet(
        &mut workbook,
        SURVEY_SHEET_ANSWERS,
        &SURVEY_ANSWER_HEADERS,
        &[38.0, 8.0, 100.0, 22.0, 8.0, 15.0],
        option_rows(surveys).map(|(s, q, o, n)| {
            vec![
                SurveyCell::Text(s.name),
                SurveyCell::Number(s.year as u32),
                SurveyCell::Text(q.text),
                SurveyCell::Text(o.label),
                SurveyCell::Number(n),
                national_cell(o),
            ]
        }),
    )?;
    survey_sheet(
        &mut workbook,
        SURVEY_SHEET_SAMPLE,
        &SURVEY_SAMPLE_HEADERS,
        &[38.0, 8.0, 8.0, 11.0],
        surveys.iter().map(|s| {
            vec![
                SurveyCell::Text(s.name),
                SurveyCell::Number(s.year as u32),
                SurveyCell::Number(s.urval),
                SurveyCell::Number(s.antal_svar()),
            ]
        }),
    )?;
    workbook.save(path)
}

/// Writes the same `surveys` as raw answers: sheet [`SURVEY_SHEET_OPTIONS`] (the option list:
/// Undersökning, År, Fråga, Svarsalternativ, Nationellt (%), without Antal), sheet
/// [`SURVEY_SHEET_RAW`] (Undersökning, År, then one column per question headed by its text; one
/// row per respondent with the chosen option's label, blank when unanswered) and sheet
/// [`SURVEY_SHEET_SAMPLE`] (Undersökning, År, Urval). Read by `kvalitet`, it gives the same
/// tables as [`write_survey_xlsx`].
pub fn write_survey_raw_xlsx(
    path: impl AsRef<Path>,
    surveys: &[SurveyYear],
) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&survey_doc_properties()?);
    survey_sheet(
        &mut workbook,
        SURVEY_SHEET_OPTIONS,
        &SURVEY_OPTION_HEADERS,
        &[38.0, 8.0, 100.0, 22.0, 15.0],
        option_rows(surveys).map(|(s, q, o, _)| {
            vec![
                SurveyCell::Text(s.name),
                SurveyCell::Number(s.year as u32),
                SurveyCell::Text(q.text),
                SurveyCell::Text(o.label),
                national_cell(o),
            ]
        }),
    )?;
    // One column per distinct question, in order of first appearance.
    let mut texts: Vec<&str> = Vec::new();
    for q in surveys.iter().flat_map(|s| &s.questions) {
        if !texts.contains(&q.text) {
            texts.push(q.text);
        }
    }
    let mut headers = vec!["Undersökning", "År"];
    headers.extend(&texts);
    let mut widths = vec![38.0, 8.0];
    widths.extend(std::iter::repeat_n(24.0, texts.len()));
    let texts = &texts;
    survey_sheet(
        &mut workbook,
        SURVEY_SHEET_RAW,
        &headers,
        &widths,
        surveys.iter().flat_map(|s| {
            s.respondents.iter().map(move |answers| {
                let mut cells = vec![SurveyCell::Text(s.name), SurveyCell::Number(s.year as u32)];
                cells.extend(texts.iter().map(|t| {
                    let q = s.questions.iter().position(|q| q.text == *t);
                    match q.and_then(|q| answers[q].map(|o| s.questions[q].options[o].label)) {
                        Some(label) => SurveyCell::Text(label),
                        None => SurveyCell::Empty,
                    }
                }));
                cells
            })
        }),
    )?;
    survey_sheet(
        &mut workbook,
        SURVEY_SHEET_SAMPLE,
        &SURVEY_RAW_SAMPLE_HEADERS,
        &[38.0, 8.0, 8.0],
        surveys.iter().map(|s| {
            vec![
                SurveyCell::Text(s.name),
                SurveyCell::Number(s.year as u32),
                SurveyCell::Number(s.urval),
            ]
        }),
    )?;
    workbook.save(path)
}

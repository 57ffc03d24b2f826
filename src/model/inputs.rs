//! Everything a data folder holds, read and validated: the register, and the survey tables
//! when there are any. One place that says which inputs exist, so `report` and `check` agree.

use std::path::PathBuf;

use anyhow::Result;

use super::survey::{Surveys, load_surveys};
use super::{Register, load_register};
use crate::diagnostics::{Finding, Reconciliation};
use crate::model::indicators::IndicatorData;
use crate::settings::Settings;

/// What a data folder holds, as resolved before any work (`plan::data_plan`): the folder, its
/// settings and its register file, when it has one (every input is optional).
#[derive(Debug)]
pub struct DataPlan {
    pub dir: PathBuf,
    pub settings: Settings,
    pub register: Option<PathBuf>,
}

/// The inputs of one data folder.
#[derive(Debug)]
pub struct Inputs {
    pub register: Register,
    pub surveys: Option<Surveys>,
    pub indicators: Option<IndicatorData>,
    /// When the indicator values were fetched from Kolada (`kolada hämta`), if they were.
    pub fetched: Option<crate::kolada::FetchInfo>,
    /// Ej verkställda beslut, egenkontroller and IVO:s tillsyn, each when its file is there.
    pub lists: super::lists::Lists,
}

impl Inputs {
    /// Reads every input of the folder `plan` describes.
    pub fn load(plan: &DataPlan) -> Result<Inputs> {
        let mut register = match &plan.register {
            Some(path) => load_register(path, &plan.settings)?,
            None => Register::default(),
        };
        // Settings are checked once per run, not once per table read.
        super::columns::check_aliases(&plan.settings.kolumner, &mut register.findings);
        let surveys = load_surveys(&plan.dir, &plan.settings)?;
        let mut indicators = crate::model::indicators::load(&plan.dir, &plan.settings)?;
        if let Some(data) = &mut indicators {
            let notices = crate::model::indicators::inference_notices(data, &plan.settings);
            data.findings.extend(notices);
        }
        let lists = super::lists::Lists::load(&plan.dir, &plan.settings)?;
        if !register.loaded
            && surveys.is_none()
            && indicators.is_none()
            && lists.decisions.is_none()
            && lists.self_checks.is_none()
            && lists.supervision.is_none()
        {
            anyhow::bail!(
                "hittar inget underlag i {}: lägg registret (rapporter.xlsx), brukarundersökningar, indikatorer.csv, statistik.csv eller en av listorna (ej verkställda beslut, egenkontroller, IVO:s tillsyn) där",
                plan.dir.display()
            );
        }
        Ok(Inputs {
            register,
            surveys,
            indicators,
            lists,
            fetched: crate::kolada::fetch_info(&plan.dir),
        })
    }

    /// How indicator tables name their source.
    pub fn kolada_source(&self) -> String {
        match &self.fetched {
            Some(info) => format!("Kolada (RKA), hämtad {}", info.fetched),
            None => "Kolada (RKA)".to_string(),
        }
    }

    /// All findings, input by input.
    pub fn findings(&self) -> impl Iterator<Item = &crate::diagnostics::Findings> {
        std::iter::once(&self.register.findings)
            .chain(self.surveys.iter().map(|s| &s.findings))
            .chain(self.indicators.iter().map(|i| &i.findings))
            .chain(self.lists.findings())
    }

    /// Problems (warnings, rejections, fatal errors) across all inputs.
    pub fn problems(&self) -> usize {
        self.findings().map(|f| f.problems()).sum()
    }

    /// Rows read, used and rejected, per input table.
    pub fn reconciliation(&self) -> Vec<Reconciliation> {
        let mut all = Vec::new();
        if self.register.loaded {
            all.push(self.register.reconciliation.clone());
        }
        if let Some(s) = &self.surveys {
            all.extend(s.reconciliation.iter().cloned());
        }
        if let Some(i) = &self.indicators {
            all.extend(i.reconciliations.iter().cloned());
        }
        all.extend(self.lists.reconciliation());
        all
    }

    /// The inputs that cannot be used at all, by name; empty when the report can be written.
    pub fn unusable(&self) -> Vec<String> {
        let mut names = Vec::new();
        if !self.register.usable {
            names.push(self.register.reconciliation.file.clone());
        }
        if let Some(s) = &self.surveys
            && !s.usable
        {
            names.push("brukarundersökningen".to_string());
        }
        names.extend(self.lists.unusable());
        names
    }

    /// Fails when an input cannot be used at all: "`what` eftersom … inte kan användas (`hint`)",
    /// where `hint` says where the findings are. A file whose every row was rejected fails too,
    /// unless `allow_incomplete` (`--tillåt-ofullständig`).
    pub fn ensure_usable(&self, what: &str, hint: &str, allow_incomplete: bool) -> Result<()> {
        let unusable = self.unusable();
        if !unusable.is_empty() {
            anyhow::bail!(
                "{what} eftersom {} inte kan användas ({hint})",
                unusable.join(" och ")
            );
        }
        let empty = self.contributing_nothing();
        if !empty.is_empty() && !allow_incomplete {
            anyhow::bail!(
                "{what} eftersom ingen rad i {} kan användas ({hint}; rätta filen, ta bort den ur \
                 datamappen eller kör med --tillåt-ofullständig för att skriva utan den)",
                empty.join(" och ")
            );
        }
        let partial: Vec<String> = self
            .incomplete()
            .iter()
            .map(|r| {
                format!(
                    "{} av {} rader i {} ({})",
                    crate::base::format::int(r.rejected as i64),
                    crate::base::format::int(r.read as i64),
                    r.file,
                    r.rejected_share()
                )
            })
            .collect();
        if !partial.is_empty() && !allow_incomplete {
            anyhow::bail!(
                "{what} eftersom {} avvisades, mer än {} % av raderna, så att summorna blir för låga ({hint}; rätta raderna eller kör med --tillåt-ofullständig för att skriva ändå med bortfallet angivet överst i rapporten)",
                partial.join(" och "),
                crate::diagnostics::MAX_REJECTED_PERCENT
            );
        }
        Ok(())
    }

    /// The files of which more than [`crate::diagnostics::MAX_REJECTED_PERCENT`] of the rows
    /// were rejected, but some used: totals over them would be silently low.
    pub fn incomplete(&self) -> Vec<crate::diagnostics::Reconciliation> {
        self.reconciliation()
            .into_iter()
            .filter(|r| r.used > 0 && r.incomplete())
            .collect()
    }

    /// The files that had rows but not one that could be used, by name: each would leave its
    /// tables out of the report without a word.
    pub fn contributing_nothing(&self) -> Vec<String> {
        self.reconciliation()
            .into_iter()
            .filter(|r| r.read > 0 && r.used == 0)
            .map(|r| r.file)
            .collect()
    }

    /// How many cells of the inputs look like personal data (personnummer, e-mail addresses,
    /// phone numbers); each is a located finding of kind [`crate::ingest::pii::KIND`].
    pub fn personal_data(&self) -> usize {
        self.findings()
            .map(|f| f.count(crate::ingest::pii::KIND))
            .sum()
    }

    /// Refuses to go on when the inputs hold personal data and the user has not said it is
    /// allowed. Every command that writes output calls this after printing the findings.
    pub fn guard(&self, allow_personal_data: bool) -> Result<()> {
        guard(self.personal_data(), allow_personal_data)
    }

    /// Every finding, for tests and listings.
    pub fn all_findings(&self) -> Vec<&Finding> {
        self.findings().flat_map(|f| f.items()).collect()
    }
}

/// Refuses to go on when `n` cells look like personal data and the user has not said it is
/// allowed (`--tillåt-personuppgifter`).
pub fn guard(n: usize, allow_personal_data: bool) -> Result<()> {
    if n == 0 || allow_personal_data {
        return Ok(());
    }
    let cells = if n == 1 {
        "en cell".to_string()
    } else {
        format!("{n} celler")
    };
    anyhow::bail!(
        "{cells} i underlaget ser ut att innehålla personuppgifter (se ovan); inget skrivs \
         förrän de är borttagna. Om du har kontrollerat att det inte är personuppgifter: kör \
         igen med --tillåt-personuppgifter"
    )
}

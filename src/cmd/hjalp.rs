//! `kvalitet hjälp [ÄMNE]`: prints the built-in guide's list of topics, or one topic.

use anyhow::Result;

use super::Outcome;
use crate::base::UsageError;
use crate::cli::HjalpArgs;
use crate::text::suggest;
use crate::{guide, output};

pub fn run(args: &HjalpArgs) -> Result<Outcome> {
    let Some(name) = &args.topic else {
        output::println(guide::list().trim_end())?;
        return Ok(Outcome::Ok);
    };
    let Some(topic) = guide::find(name) else {
        let hint = suggest(name, guide::TOPICS.iter().map(|t| t.name))
            .map(|s| format!("; menade du \"{s}\"?"))
            .unwrap_or_default();
        return Err(UsageError(format!(
            "guiden har inget ämne \"{name}\"{hint} (kvalitet hjälp listar ämnena)"
        ))
        .into());
    };
    output::println(guide::text(topic).trim_end())?;
    Ok(Outcome::Ok)
}

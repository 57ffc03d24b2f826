//! The values of Regi and Lagrum as the report shows them: the common spellings of a regi
//! form and the abbreviations of the laws written one way, whatever the source system wrote;
//! any other value stays as written (Verksamhetsområde always does).

use std::borrow::Cow;

use super::columns::DIMS;
use crate::model::Dim;
use crate::text::fold;

/// The value of the column `spec` (one of [`DIMS`]) as shown.
pub(super) fn canonical(spec: usize, text: &str) -> Cow<'_, str> {
    let f = fold(text);
    let known = if spec == DIMS[Dim::Regi.index()] {
        regi(&f)
    } else if spec == DIMS[Dim::Lagrum.index()] {
        lagrum(&f)
    } else {
        None
    };
    known.map_or(Cow::Borrowed(text), Cow::Borrowed)
}

fn regi(f: &str) -> Option<&'static str> {
    Some(match f {
        "egen regi" | "egen" | "kommunal regi" | "kommunal" | "kommunen" | "egen verksamhet" => {
            "Egen regi"
        }
        "enskild verksamhet" | "enskild regi" | "enskild" | "privat" | "privat regi"
        | "privat utforare" | "extern utforare" | "extern regi" | "extern" | "upphandlad"
        | "lov" | "valfrihetssystem" => "Enskild verksamhet",
        "annan kommun" | "annan huvudman" | "annan kommun (kopt plats)" => "Annan kommun",
        _ => return None,
    })
}

fn lagrum(f: &str) -> Option<&'static str> {
    Some(match f {
        "sol" | "socialtjanstlagen" | "socialtjanstlag" => "SoL",
        "lss" | "lag om stod och service till vissa funktionshindrade" => "LSS",
        "hsl" | "halso- och sjukvardslagen" | "halso och sjukvardslagen" => "HSL",
        "lvu" => "LVU",
        "lvm" => "LVM",
        "lpt" => "LPT",
        "sfb" | "socialforsakringsbalken" => "SFB",
        "pdl" | "patientdatalagen" => "PDL",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regi_and_lagrum_are_written_one_way_and_other_values_stay() {
        let regi = DIMS[Dim::Regi.index()];
        let lag = DIMS[Dim::Lagrum.index()];
        let area = DIMS[Dim::Area.index()];
        assert_eq!(canonical(regi, "EGEN REGI"), "Egen regi");
        assert_eq!(canonical(regi, "Privat utförare"), "Enskild verksamhet");
        assert_eq!(canonical(regi, "Annan kommun"), "Annan kommun");
        assert_eq!(canonical(regi, "Intraprenad"), "Intraprenad");
        assert_eq!(canonical(lag, "sol"), "SoL");
        assert_eq!(canonical(lag, "Socialtjänstlagen"), "SoL");
        assert_eq!(canonical(lag, "Lss"), "LSS");
        assert_eq!(canonical(lag, "LVM"), "LVM");
        assert_eq!(canonical(area, "sol"), "sol");
    }
}

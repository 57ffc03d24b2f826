//! How a table's columns share the text width in the formats that set widths themselves (PDF
//! and Word; the HTML leaves it to the browser): each figure column as wide as its widest
//! figure or the longest word of its bold header, so that a header wraps between words and
//! never inside one; text columns and the row labels share the rest. A table with so many
//! figure columns that its labels would keep less than 30 % of the line is set a point
//! smaller, and if that is not enough the figure columns give way, not the labels.

/// The size of table text, in points, and the size of a table too wide for it.
pub const SIZE: f64 = 9.0;
pub const SMALL: f64 = 8.0;

/// Estimated widths of a character, in ems, for a font the program does not hold (Word's
/// Arial, or Liberation Sans where LibreOffice stands in): a figure or a label in regular
/// type, and a header word in bold, set so that an estimate of Swedish words and digits is
/// never short ("kommuner" in Arial Bold is 0.64 em a character).
const REGULAR_EM: f64 = 0.62;
const BOLD_EM: f64 = 0.72;

/// How wide a text is set, in ems, in regular type or (`true`) bold.
pub type Measure<'m> = &'m dyn Fn(&str, bool) -> f64;

/// [`Measure`] by estimate, for a font the program does not hold.
pub fn estimate(text: &str, bold: bool) -> f64 {
    text.chars().count() as f64 * if bold { BOLD_EM } else { REGULAR_EM }
}

/// The share of the line the row labels keep before the table is set smaller.
const LABEL_SHARE: f64 = 0.3;

/// The padding of a figure cell in a table set smaller, as a share of the usual padding.
const SMALL_INSET: f64 = 0.6;

/// A table's text size, its column widths and the padding of its figure cells (both sides
/// together), in points; the labels' column first, and the widths add up to the text width.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    pub size: f64,
    pub widths: Vec<f64>,
    pub figure_inset: f64,
}

impl Columns {
    /// Whether the table is set smaller than other tables.
    pub fn small(&self) -> bool {
        self.size < SIZE
    }
}

/// The columns for cells of these texts: `cols[i]` holds column `i`'s header and then its
/// cells, `cols[0]` the row labels; `numeric[i]` says whether `cols[i + 1]` holds figures (a
/// column not named there does). A text column wraps its cells like the labels and shares
/// the room the figures leave with them, in proportion to what each would take on one line.
/// `width` is the text width and `inset` a cell's padding on both sides together, in points;
/// `measure` gives the width of a text in the table's font.
pub fn plan(
    cols: &[Vec<&str>],
    numeric: &[bool],
    width: f64,
    inset: f64,
    measure: Measure<'_>,
) -> Columns {
    let Some((labels, others)) = cols.split_first() else {
        return Columns {
            size: SIZE,
            widths: vec![width],
            figure_inset: inset,
        };
    };
    let is_figure = |i: usize| numeric.get(i).copied().unwrap_or(true);
    let header = |c: &[&str]| widest(&c[..c.len().min(1)], true, true, measure);
    let cells =
        |c: &[&str], words: bool| widest(c.get(1..).unwrap_or_default(), words, false, measure);
    // What a column must have: a figure column its widest figure, a text column its widest
    // word; either the widest word of its header.
    let least = |size: f64, figure_inset: f64| -> Vec<f64> {
        let need = |(i, c): (usize, &Vec<&str>)| match is_figure(i) {
            true => cells(c, false).max(header(c)) * size + figure_inset,
            false => cells(c, true).max(header(c)) * size + inset,
        };
        others.iter().enumerate().map(need).collect()
    };
    let label_need = |size: f64| widest(labels, false, false, measure) * size + inset;
    let keep = |size: f64| label_need(size).min(width * LABEL_SHARE);
    let (mut size, mut figure_inset) = (SIZE, inset);
    let mut widths = least(size, figure_inset);
    if width - widths.iter().sum::<f64>() < keep(size) {
        (size, figure_inset) = (SMALL, inset * SMALL_INSET);
        widths = least(size, figure_inset);
    }
    let sum: f64 = widths.iter().sum();
    let room = width - keep(size);
    if sum > room && sum > 0.0 {
        for w in &mut widths {
            *w *= room / sum;
        }
    }
    // What is left goes to the labels and the text columns, each up to its text on one line
    // in proportion to what it lacks of that, and the rest to the labels.
    let mut label = keep(size).min(width - widths.iter().sum::<f64>());
    let texts: Vec<usize> = (0..others.len()).filter(|&i| !is_figure(i)).collect();
    let lack: Vec<f64> = texts
        .iter()
        .map(|&i| (cells(&others[i], false) * size + inset - widths[i]).max(0.0))
        .collect();
    let label_lack = (label_need(size) - label).max(0.0);
    let left = width - label - widths.iter().sum::<f64>();
    let total_lack = label_lack + lack.iter().sum::<f64>();
    let share = if total_lack > left {
        left / total_lack
    } else {
        1.0
    };
    for (&i, l) in texts.iter().zip(&lack) {
        widths[i] += l * share;
    }
    label = width - widths.iter().sum::<f64>();
    Columns {
        size,
        widths: std::iter::once(label).chain(widths).collect(),
        figure_inset,
    }
}

/// [`plan`] for a computed table: its texts as every format shows them, its figure columns
/// as its columns say.
pub fn plan_table(
    t: &crate::compute::Table,
    width: f64,
    inset: f64,
    measure: Measure<'_>,
) -> Columns {
    let texts = texts(t);
    let refs: Vec<Vec<&str>> = texts
        .iter()
        .map(|c| c.iter().map(String::as_str).collect())
        .collect();
    let numeric: Vec<bool> = t.columns.iter().map(|c| c.numeric).collect();
    plan(&refs, &numeric, width, inset, measure)
}

/// The texts of a computed table by column, header first, as every format shows them
/// ([`crate::base::format::value`]).
fn texts(t: &crate::compute::Table) -> Vec<Vec<String>> {
    let mut cols = vec![vec![t.label_title.clone()]];
    cols.extend(t.columns.iter().map(|c| vec![c.title.clone()]));
    for row in t.rows.iter().filter(|r| !r.heading) {
        cols[0].push(row.label.clone());
        for (i, v) in row.values.iter().enumerate() {
            if let Some(c) = cols.get_mut(i + 1) {
                c.push(crate::base::format::value(v));
            }
        }
    }
    cols
}

/// The widest text in `texts`, in ems, set in bold or not; with `words` the widest word (a
/// header wraps between its words).
fn widest(texts: &[&str], words: bool, bold: bool, measure: Measure<'_>) -> f64 {
    let each = |t: &&str| match words {
        true => t
            .split_whitespace()
            .map(|w| measure(w, bold))
            .fold(0.0, f64::max),
        false => measure(t, bold),
    };
    texts.iter().map(each).fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const WIDTH: f64 = 465.0;
    const INSET: f64 = 10.0;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn figure_columns_fit_their_widest_cell_or_header_word_and_the_labels_take_the_rest() {
        let c = plan(
            &[
                vec!["Enhet", "Enheten för barn och unga"],
                vec!["2022", "1\u{a0}438\u{a0}805 kr"],
                vec!["Förändring 2021–2022", "+144 %"],
            ],
            &[],
            WIDTH,
            INSET,
            &estimate,
        );
        assert_eq!(c.size, SIZE);
        assert!(
            close(c.widths[1], 12.0 * REGULAR_EM * SIZE + INSET),
            "a figure"
        );
        assert!(
            close(c.widths[2], 10.0 * BOLD_EM * SIZE + INSET),
            "the longest header word, Förändring"
        );
        assert!(close(c.widths.iter().sum(), WIDTH));
        assert!(!c.small());
    }

    #[test]
    fn a_table_with_many_figure_columns_is_set_smaller_to_keep_its_labels_readable() {
        // The KPI tables: five years, change, the nation, a group and a target.
        let label = "Väntetid i antal dagar från ansökan vid nybesök till beslut inom \
                     försörjningsstöd, väntat längre än 14 dagar (%)";
        let mut cols = vec![vec!["Nyckeltal", label]];
        for year in ["2018", "2019", "2020", "2021", "2022"] {
            cols.push(vec![year, "55"]);
        }
        cols.push(vec!["Förändring 2021–2022", "−4"]);
        cols.push(vec!["Riket 2022", "31"]);
        cols.push(vec!["Alla kommuner (ovägt medel) 2022", "33"]);
        cols.push(vec!["Mål", "–"]);
        let c = plan(&cols, &[], WIDTH, INSET, &estimate);
        assert!(c.small());
        assert!(c.widths[0] >= WIDTH * LABEL_SHARE, "{c:?}");
        assert!(close(c.figure_inset, INSET * SMALL_INSET));
        assert!(
            close(c.widths[8], 8.0 * BOLD_EM * SMALL + c.figure_inset),
            "kommuner stays whole"
        );
    }

    #[test]
    fn figures_give_way_before_the_labels_do() {
        let long = "Enheten ".repeat(10);
        let cols: Vec<Vec<&str>> = std::iter::once(vec!["Enhet", long.as_str()])
            .chain(std::iter::repeat_n(
                vec!["2022", "1\u{a0}438\u{a0}805 kr"],
                14,
            ))
            .collect();
        let c = plan(&cols, &[], WIDTH, INSET, &estimate);
        assert!(c.small());
        assert!(close(c.widths[0], WIDTH * LABEL_SHARE), "{c:?}");
        assert!(close(c.widths.iter().sum(), WIDTH));
    }

    #[test]
    fn short_labels_need_no_smaller_type() {
        let cols: Vec<Vec<&str>> = std::iter::once(vec!["Månad", "September"])
            .chain(std::iter::repeat_n(vec!["Klagomål", "12"], 6))
            .collect();
        let c = plan(&cols, &[], WIDTH, INSET, &estimate);
        assert_eq!(c.size, SIZE, "{c:?}");
    }

    #[test]
    fn text_columns_wrap_and_share_the_room_with_the_labels() {
        // IVO:s tillsyn: a date, then three columns of text.
        let cols: Vec<Vec<&str>> = vec![
            vec!["Datum", "2022-03-18", "2022-09-05"],
            vec![
                "Område",
                "Hem för vård eller boende",
                "Handläggning inom barn och unga",
            ],
            vec![
                "Beslut",
                "Ärendet avslutat utan kritik",
                "Kritik: brister i utredningstider",
            ],
            vec!["Status", "Avslutad", "Åtgärdsplan lämnad till IVO"],
        ];
        let c = plan(&cols, &[false, false, false], WIDTH, INSET, &estimate);
        assert_eq!(
            c.size, SIZE,
            "text that can wrap needs no smaller type: {c:?}"
        );
        assert!(close(c.widths.iter().sum(), WIDTH));
        let word = |w: &str| estimate(w, false) * SIZE + INSET;
        assert!(c.widths[2] >= word("utredningstider"), "{c:?}");
        // Counted as figures, the same texts would not fit on the line at 9 pt.
        assert!(plan(&cols, &[], WIDTH, INSET, &estimate).small());
    }

    proptest! {
        #[test]
        fn the_columns_fill_the_line_and_none_is_empty(
            cols in prop::collection::vec(prop::collection::vec("[a-zåäö0-9 ]{0,40}", 1..6), 1..16),
            numeric in prop::collection::vec(any::<bool>(), 0..16),
        ) {
            let refs: Vec<Vec<&str>> =
                cols.iter().map(|c| c.iter().map(String::as_str).collect()).collect();
            let c = plan(&refs, &numeric, WIDTH, INSET, &estimate);
            prop_assert_eq!(c.widths.len(), cols.len());
            prop_assert!((c.widths.iter().sum::<f64>() - WIDTH).abs() < 1e-6);
            prop_assert!(c.widths.iter().all(|&w| w > 0.0), "{:?}", c);
        }
    }
}

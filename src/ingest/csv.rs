//! CSV reader: `;`, `,` or tab as delimiter (sniffed from the first lines), in the encoding
//! [`super::encoding`] decides on the whole file (UTF-8, UTF-16, Windows-1252, Mac Roman).
//! Cells reach the visitor through the same row assembler as spreadsheet cells.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use anyhow::{Context, Result, anyhow};
use calamine::DataRef;
use encoding_rs::{Encoding, MACINTOSH};
use encoding_rs_io::DecodeReaderBytesBuilder;

use super::rows::{MAX_HEADER_COLUMNS, RowAssembler};
use super::{
    HEADER_SEARCH_ROWS, Source, Streamed, TableVisitor, display_name, encoding, io_reason,
};
use crate::base::Loc;
use crate::diagnostics::Severity;

pub fn stream(path: &Path, visitor: &mut dyn TableVisitor) -> Result<Streamed> {
    let name = display_name(path);
    let open =
        || File::open(path).map_err(|e| anyhow!("{name}: kan inte öppnas: {}", io_reason(&e)));
    let encoding = encoding::detect(open()?)
        .with_context(|| format!("{name}: kan inte läsas"))?
        .map_err(|mixed| anyhow!("{name} › {}", mixed.message()))?;
    if encoding == MACINTOSH {
        visitor.findings().push(
            "teckenkodning",
            Severity::Notice,
            Loc::file(name.clone()),
            "filen läses som Mac Roman (äldre Mac-teckenkodning): dess å, ä och ö finns i filen; spara gärna om den som \"CSV UTF-8\"".into(),
        );
    }
    let delimiter = sniff_delimiter(&mut decoder(open()?, encoding))
        .with_context(|| format!("{name}: kan inte läsas"))?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(QuoteCounter {
            inner: decoder(open()?, encoding),
            quotes: 0,
        });
    let src = Source {
        file: name.clone(),
        sheet: None,
        letters: false,
    };
    let mut rows = RowAssembler::new(src);
    let mut record = csv::StringRecord::new();
    let mut index: u32 = 0;
    // The number of fields of each row that may be the header row.
    let mut widths: Vec<usize> = Vec::new();
    // The first row searched for the header that has text beyond the columns searched.
    let mut too_wide: Option<(u32, usize)> = None;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) if reader.get_ref().quotes % 2 == 1 => {
                let quote = stray_quote(&mut decoder(open()?, encoding), delimiter)
                    .with_context(|| format!("{name}: kan inte läsas"))?;
                return Err(match quote {
                    Some(Quote::Stray(row)) => anyhow!(
                        "{name} › rad {row}: ett citattecken (\") står mitt i en cell som inte börjar med citattecken; ta bort det eller sätt hela cellen inom citattecken (och skriv citattecknet dubbelt) och kör igen"
                    ),
                    Some(Quote::Unclosed(row)) => anyhow!(
                        "{name} › rad {row}: ett citattecken (\") på raden avslutas aldrig, så resten av filen blev en enda cell; rätta citattecknet och kör igen"
                    ),
                    None => anyhow!(
                        "{name} › rad {index}: ett citattecken (\") på raden avslutas aldrig, så resten av filen blev en enda cell; rätta citattecknet och kör igen"
                    ),
                });
            }
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let row = e.position().map_or(index + 1, |p| p.record() as u32 + 1);
                return Err(anyhow!("{name} › rad {row}: raden kan inte tolkas som CSV"));
            }
        }
        let mut any = false;
        for (col, field) in record.iter().enumerate() {
            if !field.trim().is_empty() {
                any = true;
                rows.push(index, col, &DataRef::String(field.to_string()), visitor);
            }
        }
        if rows.header_row().is_none() && too_wide.is_none() {
            too_wide = (record.iter().enumerate().skip(MAX_HEADER_COLUMNS))
                .find(|(_, f)| !f.trim().is_empty())
                .map(|(col, _)| (index + 1, col + 1));
        }
        match rows.header_row() {
            None if widths.len() <= HEADER_SEARCH_ROWS as usize * 4 => widths.push(record.len()),
            None => {}
            // A field more than the header row has: an unquoted delimiter inside a cell split
            // it, and every field after it moved one column.
            Some(header) if any => {
                let width = widths
                    .get(header as usize - 1)
                    .copied()
                    .unwrap_or(usize::MAX);
                if record.len() > width {
                    rows.malformed(format!(
                        "raden har {} fält men rubrikraden {width}; troligen står en avgränsare ({}) i en cell utan citattecken, så att cellerna efter den hamnat i fel kolumn. Raden räknas inte; sätt cellen inom citattecken",
                        record.len(),
                        delimiter_name(delimiter)
                    ));
                }
            }
            Some(_) => {}
        }
        index += 1;
    }
    let streamed = rows.finish(visitor);
    match (too_wide, &streamed) {
        (Some((row, col)), Streamed::NoHeader(_)) => Err(anyhow!(
            "{name} › rad {row}: raden har text i kolumn {col}, men rubrikraden letas bara efter i de första {} kolumnerna (så många som Excel har); ta bort de tomma kolumnerna till vänster om tabellen och kör igen",
            crate::base::format::int(MAX_HEADER_COLUMNS as i64)
        )),
        _ => Ok(streamed),
    }
}

/// The delimiter as named in messages.
fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b',' => "kommatecken",
        b'\t' => "tabb",
        _ => "semikolon",
    }
}

/// Where a quote character that does not pair up is.
#[derive(Debug, PartialEq, Eq)]
enum Quote {
    /// Inside a field that does not start with a quote (row, 1-based, counted as the CSV
    /// reader counts rows: blank lines are skipped).
    Stray(u32),
    /// Opens a quoted field that never ends.
    Unclosed(u32),
}

/// Finds the first quote that does not pair up, reading the decoded text as the CSV reader
/// does: a quote opens a quoted field only at the start of a field; inside it `""` is a quote
/// and a single `"` closes it.
fn stray_quote(input: &mut impl Read, delimiter: u8) -> std::io::Result<Option<Quote>> {
    let mut text = Vec::new();
    input.read_to_end(&mut text)?;
    let mut row: u32 = 0;
    let mut content = false;
    let mut field_start = true;
    let mut open: Option<u32> = None;
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        if open.is_some() {
            if c == b'"' {
                if text.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            }
        } else if c == b'"' {
            if !field_start {
                return Ok(Some(Quote::Stray(row + 1)));
            }
            open = Some(row + 1);
            content = true;
            field_start = false;
        } else if c == delimiter {
            content = true;
            field_start = true;
        } else if c == b'\n' {
            row += u32::from(content);
            content = false;
            field_start = true;
        } else if c != b'\r' {
            content = true;
            field_start = false;
        }
        i += 1;
    }
    Ok(open.map(Quote::Unclosed))
}

/// Counts the quote characters of the decoded text: an odd count at the end means a quoted
/// field never ended and swallowed every row after it.
struct QuoteCounter<R> {
    inner: R,
    quotes: u64,
}

impl<R: Read> Read for QuoteCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.quotes += memchr::memchr_iter(b'"', &buf[..n]).count() as u64;
        Ok(n)
    }
}

fn decoder(file: File, encoding: &'static Encoding) -> impl Read {
    DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .build(BufReader::with_capacity(1 << 16, file))
}

/// The delimiter of the table: among the first [`HEADER_SEARCH_ROWS`] non-empty lines, the one
/// whose count outside quotes is the same on the most lines (the header and the data rows
/// share it; a title line above the header, or commas in unquoted free text, do not); `;` on a
/// tie, then `,`, or when no line has any.
fn sniff_delimiter(input: &mut impl Read) -> std::io::Result<u8> {
    const DELIMITERS: [u8; 3] = [b';', b',', b'\t'];
    let mut head = Vec::new();
    input.take(1 << 16).read_to_end(&mut head)?;
    let text = String::from_utf8_lossy(&head);
    // Per line, the count of each delimiter outside quotes.
    let mut lines: Vec<[usize; 3]> = Vec::new();
    let mut line = [0usize; 3];
    let mut content = false;
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                content = true;
            }
            '\n' if !quoted => {
                if content {
                    lines.push(line);
                    if lines.len() as u32 >= HEADER_SEARCH_ROWS {
                        break;
                    }
                }
                line = [0; 3];
                content = false;
            }
            _ if !quoted => {
                if let Some(i) = DELIMITERS.iter().position(|&d| c as u32 == d as u32) {
                    line[i] += 1;
                }
                content |= !c.is_whitespace() && !DELIMITERS.iter().any(|&d| c as u32 == d as u32);
            }
            _ => content = true,
        }
    }
    if content && (lines.len() as u32) < HEADER_SEARCH_ROWS {
        lines.push(line);
    }
    let agreeing = |i: usize| -> usize {
        let mut counts: Vec<usize> = lines.iter().map(|l| l[i]).filter(|&n| n > 0).collect();
        counts.sort_unstable();
        counts
            .chunk_by(|a, b| a == b)
            .map(<[usize]>::len)
            .max()
            .unwrap_or(0)
    };
    let mut best = (DELIMITERS[0], 0);
    for (i, &d) in DELIMITERS.iter().enumerate() {
        let n = agreeing(i);
        if n > best.1 {
            best = (d, n);
        }
    }
    Ok(best.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_quote_is_found_on_its_own_row() {
        let find = |s: &str| stray_quote(&mut s.as_bytes(), b';').unwrap();
        assert_eq!(
            find("Id;Enhet\n1;Enhet \"B\n2;C\n3;D\n"),
            Some(Quote::Stray(2))
        );
        assert_eq!(find("Id;Enhet\n\n1;\"B\n2;C\n"), Some(Quote::Unclosed(2)));
        // Quoted fields with line breaks, doubled quotes and blank lines pair up.
        assert_eq!(find("Id;Text\n1;\"a\n\"\"b\"\"\"\n\n2;c\n"), None);
        assert_eq!(find("Id;Text\n1;\"a\nb\"\n2;x\"y\n"), Some(Quote::Stray(3)));
    }

    #[test]
    fn delimiter_is_sniffed_from_the_header_line() {
        assert_eq!(
            sniff_delimiter(&mut "Id;Typ;Enhet\n1,2,3,4,5\n".as_bytes()).unwrap(),
            b';'
        );
        assert_eq!(
            sniff_delimiter(&mut "Id,Typ,Enhet\n".as_bytes()).unwrap(),
            b','
        );
        assert_eq!(sniff_delimiter(&mut "Id\tTyp\n".as_bytes()).unwrap(), b'\t');
        assert_eq!(
            sniff_delimiter(&mut "\"a;b\",c,d\n".as_bytes()).unwrap(),
            b','
        );
        assert_eq!(sniff_delimiter(&mut "Id\n".as_bytes()).unwrap(), b';');
    }

    #[test]
    fn a_title_line_with_commas_does_not_decide_the_delimiter() {
        let text = "Avvikelser, lex Sarah, klagomål och synpunkter – Arbete och försörjning 2022\n\n\
                    Id;Typ;Händelsedatum\nAV-1;Avvikelse;2022-03-14\nAV-2;Klagomål;14/3/2022\n";
        assert_eq!(sniff_delimiter(&mut text.as_bytes()).unwrap(), b';');
        // Unquoted commas in free text vary from row to row; the delimiter does not.
        let text = "Id;Typ;Beskrivning\n1;A;ja, nej, kanske\n2;B;en, två\n3;C;ingen\n";
        assert_eq!(sniff_delimiter(&mut text.as_bytes()).unwrap(), b';');
        let text = "Rapport; export 2022\nId,Typ,Enhet\n1,A,X\n2,B,Y\n";
        assert_eq!(sniff_delimiter(&mut text.as_bytes()).unwrap(), b',');
    }
}

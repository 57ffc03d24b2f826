//! Personal data in a piece of text: a personnummer or samordningsnummer (with the Luhn check
//! digit), an e-mail address or a Swedish phone number, anywhere in it. Pure detection, shared
//! by the cell guard (`ingest::pii`) and the name guard (`base::names`); it never keeps a value.

/// What a value looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalData {
    Personnummer,
    /// A personnummer whose day is raised by 60.
    Samordningsnummer,
    Email,
    Phone,
}

impl PersonalData {
    /// The kind in Swedish, with its article: "ett personnummer".
    pub fn name(self) -> &'static str {
        match self {
            PersonalData::Personnummer => "ett personnummer",
            PersonalData::Samordningsnummer => "ett samordningsnummer",
            PersonalData::Email => "en e-postadress",
            PersonalData::Phone => "ett telefonnummer",
        }
    }
}

/// A cell that is nothing but nine digits: a ten-digit personnummer born 1900–1909 or
/// 2000–2009 that lost its leading zero when Excel stored it as a number.
pub fn lost_leading_zero(text: &str) -> Option<PersonalData> {
    let t = text.trim();
    (t.len() == 9 && t.bytes().all(|c| c.is_ascii_digit()))
        .then(|| identity_number(format!("0{t}").as_bytes()))
        .flatten()
}

/// What `text` contains that looks like personal data, if anything.
pub fn detect(text: &str) -> Option<PersonalData> {
    let b = text.as_bytes();
    // Cheap first look: every kind needs an "@" or at least eight digits.
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    let at = b.contains(&b'@');
    if digits >= 8 {
        if let Some(kind) = identity_number(b) {
            return Some(kind);
        }
        if phone(b) {
            return Some(PersonalData::Phone);
        }
    }
    if at && email(b) {
        return Some(PersonalData::Email);
    }
    None
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c >= 0x80
}

/// The length of the run of ASCII digits at `b[i..]`.
fn digit_run(b: &[u8], i: usize) -> usize {
    b[i.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// A personnummer or samordningsnummer anywhere in `b`: `YYMMDD-NNNC`, `YYMMDD+NNNC`,
/// `YYYYMMDD-NNNC`, `YYMMDDNNNC` or `YYYYMMDDNNNC`, not part of a longer number, with a valid
/// month, day and Luhn check digit.
fn identity_number(b: &[u8]) -> Option<PersonalData> {
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let first = digit_run(b, i);
        let end = i + first;
        // The digits of a candidate, on the stack: most runs (years, serial numbers) are none.
        let mut digits = [0u8; 12];
        let len = match first {
            6 | 8 => {
                let sep = identity_separator(&b[end..]);
                if sep > 0 && digit_run(b, end + sep) == 4 {
                    digits[..first].copy_from_slice(&b[i..end]);
                    digits[first..first + 4].copy_from_slice(&b[end + sep..end + sep + 4]);
                    first + 4
                } else {
                    0
                }
            }
            10 | 12 => {
                digits[..first].copy_from_slice(&b[i..end]);
                first
            }
            _ => 0,
        };
        if len > 0
            && let Some(kind) = check_identity(&digits[..len])
        {
            return Some(kind);
        }
        i = end;
    }
    None
}

/// The length in bytes of the separator a personnummer may have before its last four digits
/// at the start of `b`: `-`, `+`, a space, a no-break space, or a hyphen, non-breaking
/// hyphen, figure dash, en dash or minus sign as a word processor writes them; 0 if none.
fn identity_separator(b: &[u8]) -> usize {
    const WIDE: [&[u8]; 6] = [
        "\u{2010}".as_bytes(),
        "\u{2011}".as_bytes(),
        "\u{2012}".as_bytes(),
        "\u{2013}".as_bytes(),
        "\u{2212}".as_bytes(),
        "\u{a0}".as_bytes(),
    ];
    match b.first() {
        Some(b'-' | b'+' | b' ') => 1,
        _ => WIDE
            .iter()
            .find(|w| b.starts_with(w))
            .map_or(0, |w| w.len()),
    }
}

/// Checks 10 or 12 ASCII digits as a personnummer (12 digits start with the century).
fn check_identity(digits: &[u8]) -> Option<PersonalData> {
    let ten = match digits.len() {
        10 => digits,
        12 if matches!(&digits[..2], b"18" | b"19" | b"20") => &digits[2..],
        _ => return None,
    };
    let n: Vec<u32> = ten.iter().map(|c| u32::from(c - b'0')).collect();
    let month = n[2] * 10 + n[3];
    let day = n[4] * 10 + n[5];
    if !(1..=12).contains(&month) {
        return None;
    }
    let max_day = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let kind = if (1..=max_day).contains(&day) {
        PersonalData::Personnummer
    } else if (61..=60 + max_day).contains(&day) {
        PersonalData::Samordningsnummer
    } else {
        return None;
    };
    luhn(&n).then_some(kind)
}

/// The Luhn check over ten digits: weights 2, 1, 2, … with digit sums.
pub(crate) fn luhn(n: &[u32]) -> bool {
    let sum: u32 = n
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let p = if i % 2 == 0 { d * 2 } else { d };
            p / 10 + p % 10
        })
        .sum();
    sum.is_multiple_of(10)
}

/// An e-mail address: a local part, "@", and a domain with a dot and a top-level domain of
/// at least two letters.
fn email(b: &[u8]) -> bool {
    let local = |c: u8| is_word(c) || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    let domain = |c: u8| is_word(c) || matches!(c, b'.' | b'-');
    b.iter().enumerate().any(|(at, &c)| {
        if c != b'@' || at == 0 || !local(b[at - 1]) {
            return false;
        }
        let host: &[u8] = {
            let rest = &b[at + 1..];
            let n = rest.iter().take_while(|&&c| domain(c)).count();
            rest[..n].strip_suffix(b".").unwrap_or(&rest[..n])
        };
        let Some(dot) = host.iter().rposition(|&c| c == b'.') else {
            return false;
        };
        let tld = &host[dot + 1..];
        dot > 0 && tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic)
    })
}

/// A Swedish phone number: `070-123 45 67`, `08-123 456 78`, `0701234567`, `+46 70 123 45 67`,
/// `0046 8 123 456 78`. Plain digits without separators count only as a mobile number (07…),
/// so that ids and amounts are not taken for phone numbers; with separators the first one
/// follows an area code of two to four digits, and at most one is a hyphen.
fn phone(b: &[u8]) -> bool {
    (0..b.len()).any(|i| (i == 0 || !is_word(b[i - 1]) && b[i - 1] != b'+') && phone_at(b, i))
}

fn phone_at(b: &[u8], start: usize) -> bool {
    let rest = &b[start..];
    // "(08) 123 456 78": the area code in brackets.
    let bracket = rest.first() == Some(&b'(');
    let (mut i, international) = if rest.starts_with(b"+46") {
        (3, true)
    } else if rest.starts_with(b"0046") {
        (4, true)
    } else if rest.get(usize::from(bracket)) == Some(&b'0')
        && rest
            .get(usize::from(bracket) + 1)
            .is_some_and(|c| (b'1'..=b'9').contains(c))
    {
        (usize::from(bracket), false)
    } else {
        return false;
    };
    if international {
        // "+46 (0)70 …", "+46 70 …", "+4670…"
        while matches!(rest.get(i), Some(b' ' | b'-')) {
            i += 1;
        }
        if rest[i..].starts_with(b"(0)") {
            i += 3;
            while rest.get(i) == Some(&b' ') {
                i += 1;
            }
        }
        if !rest.get(i).is_some_and(|c| (b'1'..=b'9').contains(c)) {
            return false;
        }
    }
    let mut digits = usize::from(international); // the trunk 0 a +46 replaces
    let mut first_group = 0;
    let mut separators = 0;
    let mut hyphens = 0;
    // A separator counts only once a digit follows it. It is a space or a hyphen, or after
    // the area code also " - ", "/" or the closing bracket with a space.
    let mut pending: Vec<u8> = Vec::new();
    let mut closed = false;
    let mut end = i;
    while i < rest.len() {
        match rest[i] {
            c if c.is_ascii_digit() => {
                if !pending.is_empty() {
                    separators += 1;
                    hyphens += usize::from(pending.contains(&b'-'));
                    closed |= pending.contains(&b')');
                    pending.clear();
                }
                digits += 1;
                if digits > 10 {
                    // Too long for a phone number; stopping here keeps the scan linear.
                    return false;
                }
                if separators == 0 {
                    first_group += 1;
                }
                end = i + 1;
            }
            c @ (b' ' | b'-') if pending.is_empty() && end == i => pending.push(c),
            c @ (b' ' | b'-' | b'/' | b')')
                if separators == 0
                    && end + pending.len() == i
                    && long_separator(&pending, c, bracket) =>
            {
                pending.push(c)
            }
            _ => break,
        }
        i += 1;
    }
    if bracket && !closed {
        return false;
    }
    let next_is_word = b.get(start + end).is_some_and(|&c| is_word(c));
    if next_is_word || !(8..=10).contains(&digits) || hyphens > 1 {
        return false;
    }
    if separators == 0 {
        return international || (digits == 10 && rest.starts_with(b"07"));
    }
    international || (2..=4).contains(&first_group)
}

/// Whether `next` may follow `sep` in the separator after the area code: " - ", "/", ") ".
fn long_separator(sep: &[u8], next: u8, bracket: bool) -> bool {
    match (sep, next) {
        ([], b'/') => !bracket,
        ([], b')') => bracket,
        ([b')'], b' ') => true,
        ([b' '], b'-') | ([b' ', b'-'], b' ') => !bracket,
        _ => false,
    }
}

/// A whole number with the 10 digits of a personnummer (Excel drops the dash, and the leading
/// zero of one born 1900–1909 or 2000–2009).
pub fn detect_number(n: f64) -> Option<PersonalData> {
    if n.fract() == 0.0 && (1e8..1e12).contains(&n.abs()) {
        identity_number(format!("{:010}", n.abs() as u64).as_bytes())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn kind(s: &str) -> Option<PersonalData> {
        detect(s)
    }

    #[test]
    fn personnummer_in_every_written_form_are_found() {
        for s in [
            "19121212-1212",
            "121212-1212",
            "121212+1212",
            "1212121212",
            "191212121212",
            "Anmäld av 19121212-1212 i går",
            "(121212-1212)",
            "200001012384",
        ] {
            assert_eq!(kind(s), Some(PersonalData::Personnummer), "{s}");
        }
    }

    #[test]
    fn personnummer_with_a_dash_or_space_from_a_word_processor_are_found() {
        for s in [
            "121212\u{2013}1212",
            "19121212\u{2011}1212",
            "19121212 1212",
            "121212\u{a0}1212",
            "19121212\u{2212}1212",
            "se 121212\u{2010}1212.",
        ] {
            assert_eq!(kind(s), Some(PersonalData::Personnummer), "{s}");
        }
        // The same forms with a wrong check digit are not.
        for s in ["121212\u{2013}1213", "19121212 1213", "2022 1234"] {
            assert_eq!(kind(s), None, "{s}");
        }
    }

    #[test]
    fn samordningsnummer_have_the_day_raised_by_sixty() {
        // 1970-12-01 + 60 = day 61; check digit computed by hand: 7012612383.
        assert_eq!(kind("701261-2383"), Some(PersonalData::Samordningsnummer));
        assert_eq!(kind("19701261-2383"), Some(PersonalData::Samordningsnummer));
    }

    #[test]
    fn a_wrong_check_digit_or_date_is_no_personnummer() {
        for s in [
            "19121212-1213", // Luhn fails
            "121312-1212",   // month 13
            "121232-1211",   // day 32
            "17121212-1212", // century 17
            "1912121212123", // 13 digits
            "2022-03-14",
            "20220314",
            "AV-2022-0001",
            "1 438 805",
            "2019–2022",
            "12,5",
        ] {
            assert_eq!(kind(s), None, "{s}");
        }
    }

    #[test]
    fn email_addresses_are_found() {
        for s in [
            "anna.andersson@kommun.se",
            "Kontakt: a@b.se.",
            "x_y+z@sub.example.org",
        ] {
            assert_eq!(kind(s), Some(PersonalData::Email), "{s}");
        }
        for s in ["@kommun.se", "anna@", "anna@kommun", "a @ b", "x@y.1"] {
            assert_eq!(kind(s), None, "{s}");
        }
    }

    #[test]
    fn swedish_phone_numbers_are_found() {
        for s in [
            "070-123 45 67",
            "0701234567",
            "08-123 456 78",
            "08-12345678",
            "0480-123 45",
            "031-12 34 56",
            "+46 70 123 45 67",
            "+46701234567",
            "+46 (0)8 123 456 78",
            "0046 8 123 456 78",
            "ring 070 123 45 67 i morgon",
            "(08) 123 456 78",
            "(08)123 456 78",
            "08/123 456 78",
            "070 - 123 45 67",
            "ring (0480) 123 45",
        ] {
            assert_eq!(kind(s), Some(PersonalData::Phone), "{s}");
        }
    }

    #[test]
    fn dates_ids_amounts_and_years_are_no_phone_numbers() {
        for s in [
            "01-02-2022",
            "2022-03-14 10:15",
            "0123456789",
            "00123456",
            "1 234 567",
            "U31402",
            "N00001234567",
            "0305",
            "AV-2022-0001",
            "2019-2022",
            "0,5",
            "12 345 678",
            "070-123",
            "01/02/2022",
            "(2022) 123 456 78",
            "08 / 123 456 78 / 9",
            "070 -- 123 45 67",
        ] {
            assert_eq!(kind(s), None, "{s}");
        }
    }

    #[test]
    fn more_than_ten_digits_are_no_phone_number() {
        assert_eq!(kind("070-123 45 67 89"), None);
        assert_eq!(kind("+46 70 123 45 67 8"), None);
    }

    /// The check digit that makes nine digits a valid personnummer.
    fn check_digit(nine: &[u32]) -> u32 {
        (0..10).find(|&c| luhn(&[nine, &[c]].concat())).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn every_valid_personnummer_is_found_in_every_form(
            year in 1900i32..2100, month in 1u32..=12, day in 1u32..=28,
            serial in 0u32..1000, coordination in proptest::bool::ANY,
            form in 0usize..5, wrong in 1u32..10,
        ) {
            let day = if coordination { day + 60 } else { day };
            let yy = (year % 100) as u32;
            let nine: Vec<u32> = [yy / 10, yy % 10, month / 10, month % 10, day / 10, day % 10,
                serial / 100, serial / 10 % 10, serial % 10].to_vec();
            let c = check_digit(&nine);
            let body: String = nine.iter().map(|d| d.to_string()).collect();
            let (date, tail) = body.split_at(6);
            let write = |c: u32| match form {
                0 => format!("{date}-{tail}{c}"),
                1 => format!("{date}+{tail}{c}"),
                2 => format!("{}{date}-{tail}{c}", year / 100),
                3 => format!("{date}{tail}{c}"),
                _ => format!("{}{date}{tail}{c}", year / 100),
            };
            let kind = if coordination {
                PersonalData::Samordningsnummer
            } else {
                PersonalData::Personnummer
            };
            proptest::prop_assert_eq!(detect(&format!("se {} här", write(c))), Some(kind));
            // Any other check digit is no personnummer (it may still pass as a phone number
            // when it starts with 0, which is personal data too).
            let other = detect(&write((c + wrong) % 10));
            proptest::prop_assert!(other.is_none() || other == Some(PersonalData::Phone));
        }
    }

    #[test]
    fn luhn_follows_the_tax_agency_example() {
        // Skatteverket's example 811218-9876.
        let n: Vec<u32> = "8112189876".bytes().map(|c| u32::from(c - b'0')).collect();
        assert!(luhn(&n));
        let m: Vec<u32> = "8112189875".bytes().map(|c| u32::from(c - b'0')).collect();
        assert!(!luhn(&m));
    }
}

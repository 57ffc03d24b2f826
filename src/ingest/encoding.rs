//! Which character encoding a CSV file is in, decided on the whole file: a BOM, else UTF-8
//! when every byte is valid UTF-8, else Windows-1252 or Mac Roman by which of their Swedish
//! letters the bytes are. A file that mixes valid UTF-8 letters with bytes that are not UTF-8
//! is refused, located, instead of being decoded half wrong ("HemtjÃ¤nst").

use std::io::Read;

use encoding_rs::{Encoding, MACINTOSH, UTF_8, WINDOWS_1252};

/// The bytes of å ä ö Å Ä Ö é ü in Windows-1252 (Latin-1).
const LATIN1_LETTERS: [u8; 8] = [0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6, 0xE9, 0xFC];
/// The bytes of å ä ö Å Ä Ö é ü in Mac Roman; in Windows-1252 they are Œ Š š € … and
/// unassigned bytes, which Swedish text does not have.
const MAC_ROMAN_LETTERS: [u8; 8] = [0x8C, 0x8A, 0x9A, 0x81, 0x80, 0x85, 0x8E, 0x9F];

/// A file that is UTF-8 in some places and not in others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mixed {
    /// The line (1-based) of the first byte that is not UTF-8.
    pub row: u64,
    pub byte: u8,
}

impl Mixed {
    /// The Swedish message, without the file name.
    pub fn message(&self) -> String {
        format!(
            "rad {}: filen är till största delen UTF-8, men raden har en byte (0x{:02X}) som inte är UTF-8 (troligen Windows-1252); filen blandar teckenkodningar och skulle läsas fel. Spara om filen som \"CSV UTF-8\" och kör igen",
            self.row, self.byte
        )
    }
}

/// What the bytes of a file say about its encoding.
#[derive(Default)]
struct Scan {
    /// Valid non-ASCII UTF-8 characters.
    utf8_letters: u64,
    first_invalid: Option<Mixed>,
    /// Bytes or sequences that are not UTF-8.
    invalid: u64,
    latin1: u64,
    mac_roman: u64,
    /// Line breaks in the bytes scanned so far.
    lines: u64,
}

impl Scan {
    /// Scans `chunk` (which starts where the previous one stopped); returns the bytes of an
    /// incomplete UTF-8 sequence at its end, to be scanned with the next chunk.
    fn chunk(&mut self, chunk: &[u8]) -> Vec<u8> {
        let mut rest = chunk;
        let mut consumed = 0usize;
        let carry = loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.count_letters(s);
                    break Vec::new();
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    self.count_letters(std::str::from_utf8(&rest[..valid]).unwrap_or(""));
                    match e.error_len() {
                        None => break rest[valid..].to_vec(),
                        Some(len) => {
                            if self.first_invalid.is_none() {
                                let at = consumed + valid;
                                let before = memchr::memchr_iter(b'\n', &chunk[..at]).count();
                                self.first_invalid = Some(Mixed {
                                    row: self.lines + before as u64 + 1,
                                    byte: chunk[at],
                                });
                            }
                            self.invalid += 1;
                            consumed += valid + len;
                            rest = &rest[valid + len..];
                        }
                    }
                }
            }
        };
        self.lines += memchr::memchr_iter(b'\n', chunk).count() as u64;
        carry
    }

    /// Counts the Swedish letters of both 8-bit encodings among freshly read bytes.
    fn count_bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.latin1 += u64::from(LATIN1_LETTERS.contains(&b));
            self.mac_roman += u64::from(MAC_ROMAN_LETTERS.contains(&b));
        }
    }

    fn count_letters(&mut self, s: &str) {
        self.utf8_letters += s.chars().filter(|c| !c.is_ascii()).count() as u64;
    }

    fn decide(self, utf8_bom: bool) -> Result<&'static Encoding, Mixed> {
        match self.first_invalid {
            None => Ok(UTF_8),
            // More valid UTF-8 letters than bytes that are not: UTF-8 with a foreign row (a
            // Windows-1252 file, or binary junk, has few letters that happen to be UTF-8).
            Some(mixed) if utf8_bom || self.utf8_letters > self.invalid => Err(mixed),
            Some(_) if self.mac_roman > self.latin1 => Ok(MACINTOSH),
            Some(_) => Ok(WINDOWS_1252),
        }
    }
}

/// UTF-16 when a BOM says so; UTF-8 when the whole file is valid UTF-8 (with or without a
/// BOM); else Windows-1252, or Mac Roman when its Swedish letters are the ones present. The
/// whole file is read, in chunks, so a late "å" is not misread. The inner error is a file
/// that mixes UTF-8 with other bytes.
pub fn detect(mut input: impl Read) -> std::io::Result<Result<&'static Encoding, Mixed>> {
    let mut buf = vec![0u8; 1 << 16];
    let mut carry: Vec<u8> = Vec::new();
    let mut scan = Scan::default();
    let mut first = true;
    let mut utf8_bom = false;
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            if !carry.is_empty() && scan.first_invalid.is_none() {
                // A sequence cut off by the end of the file.
                scan.invalid += 1;
                scan.first_invalid = Some(Mixed {
                    row: scan.lines + 1,
                    byte: carry[0],
                });
            }
            return Ok(scan.decide(utf8_bom));
        }
        scan.count_bytes(&buf[..n]);
        let mut chunk = std::mem::take(&mut carry);
        chunk.extend_from_slice(&buf[..n]);
        if first {
            first = false;
            match Encoding::for_bom(&chunk) {
                Some((enc, _)) if enc == UTF_8 => {
                    utf8_bom = true;
                    chunk.drain(..3);
                }
                Some((enc, _)) => return Ok(Ok(enc)),
                None => {}
            }
        }
        carry = scan.chunk(&chunk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detected(bytes: &[u8]) -> Result<&'static Encoding, Mixed> {
        detect(bytes).unwrap()
    }

    #[test]
    fn encoding_is_utf8_when_valid_and_windows_1252_otherwise() {
        assert_eq!(detected("Händelsedatum;Typ\n".as_bytes()), Ok(UTF_8));
        assert_eq!(detected(b"\xEF\xBB\xBFId;Typ"), Ok(UTF_8));
        assert_eq!(detected(b"H\xe4ndelsedatum;Typ"), Ok(WINDOWS_1252));
        assert_eq!(detected(b"\xFF\xFEI\x00d\x00").unwrap().name(), "UTF-16LE");
    }

    #[test]
    fn a_late_windows_1252_byte_is_found() {
        let mut data = vec![b'a'; 200_000];
        data.push(0xe5); // "å" in Windows-1252
        assert_eq!(detected(&data), Ok(WINDOWS_1252));
    }

    #[test]
    fn a_utf8_sequence_split_across_chunks_is_still_utf8() {
        let mut data = vec![b'a'; (1 << 16) - 1];
        data.extend_from_slice("ä".as_bytes());
        assert_eq!(detected(&data), Ok(UTF_8));
    }

    #[test]
    fn utf8_with_a_late_windows_1252_row_is_refused_at_that_row() {
        let mut data = "Id;Enhet\n1;Hemtjänst\n".repeat(10_000).into_bytes();
        data.extend_from_slice(b"2;Hemtj\xe4nst\n");
        assert_eq!(
            detected(&data),
            Err(Mixed {
                row: 20_001,
                byte: 0xE4
            })
        );
        // A BOM says UTF-8 too.
        assert_eq!(
            detected(b"\xEF\xBB\xBFId;Enhet\n1;Hemtj\xe4nst\n"),
            Err(Mixed { row: 2, byte: 0xE4 })
        );
    }

    #[test]
    fn mac_roman_letters_are_read_as_mac_roman() {
        // "Händelsedatum;Åtgärd\nÖvrigt;hemtjänst" as Mac Roman.
        let data = b"H\x8Andelsedatum;\x81tg\x8Ard\n\x85vrigt;hemtj\x8Anst\n";
        assert_eq!(detected(data), Ok(MACINTOSH));
        let (text, _, bad) = MACINTOSH.decode(data);
        assert!(!bad);
        assert_eq!(text, "Händelsedatum;Åtgärd\nÖvrigt;hemtjänst\n");
        // Windows-1252 with a dash and an ellipsis is still Windows-1252.
        let data = b"H\xe4ndelse \x96 \xe5tg\xe4rd\x85\n";
        assert_eq!(detected(data), Ok(WINDOWS_1252));
    }

    #[test]
    fn windows_1252_that_happens_to_hold_a_utf8_sequence_is_windows_1252() {
        // "Ä–" is C4 96, which is also valid UTF-8 ("Ė").
        let data = b"Id;Enhet\n1;\xc4\x96 v\xe5rd\n2;h\xe4r\n";
        assert_eq!(detected(data), Ok(WINDOWS_1252));
    }
}

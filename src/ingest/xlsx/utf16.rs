//! A part's bytes as UTF-8, whatever the encoding the package standard allows it: UTF-16
//! parts are decoded as they are read.

use std::io::Read;

/// A part's bytes as UTF-8: a part in UTF-16 (which the package standard allows, with a
/// byte order mark or without one, as `<?xml` in UTF-16 starts) is decoded as it is read;
/// any other part is handed on as it is.
pub(super) enum Input<R> {
    /// Not yet read: the first bytes decide.
    Unsniffed(Option<R>),
    Raw(std::io::Chain<std::io::Cursor<Vec<u8>>, R>),
    Utf16(encoding_rs_io::DecodeReaderBytes<std::io::Chain<std::io::Cursor<Vec<u8>>, R>, Vec<u8>>),
}

impl<R: Read> Read for Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Input::Unsniffed(src) = self {
            let mut src = src.take().expect("sniffed once");
            let mut head = [0u8; 4];
            let mut n = 0;
            while n < head.len() {
                match src.read(&mut head[n..]) {
                    Ok(0) => break,
                    Ok(k) => n += k,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            let encoding = match &head[..n] {
                [0xFF, 0xFE, ..] | [b'<', 0, b'?', 0] => Some(encoding_rs::UTF_16LE),
                [0xFE, 0xFF, ..] | [0, b'<', 0, b'?'] => Some(encoding_rs::UTF_16BE),
                _ => None,
            };
            let chained = std::io::Cursor::new(head[..n].to_vec()).chain(src);
            *self = match encoding {
                // A byte order mark decides over the encoding given; it is dropped.
                Some(encoding) => Input::Utf16(
                    encoding_rs_io::DecodeReaderBytesBuilder::new()
                        .encoding(Some(encoding))
                        .build(chained),
                ),
                None => Input::Raw(chained),
            };
        }
        match self {
            Input::Raw(r) => r.read(buf),
            Input::Utf16(r) => r.read(buf),
            Input::Unsniffed(_) => unreachable!("sniffed above"),
        }
    }
}

//! An xlsx archive as calamine sees it, with every worksheet *stored* instead of deflated: a
//! second thread inflates the real part while calamine parses the bytes it hands over, and
//! checks each byte once on the way (zip-bomb bound, cell references, formulas, merged
//! cells). So the sheet is inflated once, on the other core, and nothing reads it twice.
//!
//! The view is the original file followed by one stored local header per worksheet (its
//! data streamed from the inflating thread) and a new central directory that points the
//! worksheets there. Archives the view cannot describe simply (zip64, split, encrypted) get
//! `None`, and the caller reads them the old way.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use super::checks::{SheetScan, is_sheet, limit};
use super::directory::central_directory;

/// What the inflating thread found wrong with a worksheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fail {
    /// It inflates beyond this many bytes.
    Bomb(u64),
    /// A cell reference beyond Excel's limits.
    BadReference,
    /// The deflated data is damaged (or longer than its header says).
    Unreadable,
}

/// What the inflating threads found so far, shared with the caller.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    /// The first failure of any worksheet.
    pub(crate) fail: Option<Fail>,
    /// The worksheet (index into the view's) inflated last.
    pub(crate) last: Option<usize>,
    /// Worksheets inflated to their end that hold merged cells (`<mergeCell`).
    pub(crate) merged: Vec<usize>,
}

impl Findings {
    /// Whether the worksheet inflated last holds merged cells; known once it was read to
    /// its end.
    pub(crate) fn last_merged(&self) -> bool {
        self.last.is_some_and(|l| self.merged.contains(&l))
    }
}

/// A worksheet as the view stores it.
struct Stored {
    /// Index of the entry in the real archive.
    index: usize,
    /// Where its data starts in the view, and how long it is.
    data: u64,
    len: u64,
    compressed: u64,
}

/// The inflating thread of one worksheet, as far as the reader has taken it.
struct Stream {
    sheet: usize,
    /// Bytes of the worksheet handed to calamine so far.
    offset: u64,
    rx: Receiver<Msg>,
    chunk: Vec<u8>,
    at: usize,
}

enum Msg {
    Data(Vec<u8>),
    End,
}

/// The archive calamine reads: `Read + Seek` over the view.
pub(crate) struct StoredView {
    path: std::path::PathBuf,
    file: File,
    /// Where the file's cursor is, to skip needless seeks.
    file_pos: u64,
    file_len: u64,
    /// The bytes after the file: local headers (at their offsets) and the central directory.
    tail: Vec<(u64, Vec<u8>)>,
    stored: Vec<Stored>,
    len: u64,
    pos: u64,
    stream: Option<Stream>,
    findings: Arc<Mutex<Findings>>,
}

/// Parts other than worksheets that inflate to more than this are inflated on the second
/// core too.
const BIG: u64 = 1 << 20;

/// Inflated chunks in flight between the inflating thread and calamine.
const IN_FLIGHT: usize = 4;
const CHUNK: usize = 1 << 16;

impl StoredView {
    /// The view of the archive at `path`, or `None` if it cannot be described simply (the
    /// caller then reads the file as it is). `Err` when a part declares an inflated size
    /// beyond its limit, before anything is inflated.
    pub(crate) fn open(path: &Path) -> io::Result<Option<Result<StoredView, Fail>>> {
        let mut file = File::open(path)?;
        let file_len = file.metadata()?.len();
        // A file that cannot be described is left to the ordinary reader and its messages.
        let Ok(Some(entries)) = central_directory(&mut file, file_len) else {
            return Ok(None);
        };
        for e in &entries {
            if e.uncompressed > limit(e.compressed) {
                return Ok(Some(Err(Fail::Bomb(limit(e.compressed)))));
            }
        }
        // The view's layout: the file, then stored worksheets, then the central directory.
        let mut tail = Vec::new();
        let mut stored = Vec::new();
        let mut at = file_len;
        let mut records = Vec::new();
        for (index, e) in entries.iter().enumerate() {
            // Large deflated parts (the sheets, the shared strings) are inflated on the
            // second core; small ones are left as they are.
            if !(e.method == 8 && (is_sheet(&e.name) || e.uncompressed > BIG)) {
                records.extend_from_slice(&e.record);
                continue;
            }
            let name = e.name.as_bytes();
            let flags = e.flags & 0x0800; // keep only "name is UTF-8"
            let mut local = Vec::with_capacity(30 + name.len());
            local.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
            local.extend_from_slice(&20u16.to_le_bytes()); // version needed
            local.extend_from_slice(&flags.to_le_bytes());
            local.extend_from_slice(&0u16.to_le_bytes()); // stored
            local.extend_from_slice(&0u32.to_le_bytes()); // time, date
            local.extend_from_slice(&e.crc.to_le_bytes());
            local.extend_from_slice(&(e.uncompressed as u32).to_le_bytes());
            local.extend_from_slice(&(e.uncompressed as u32).to_le_bytes());
            local.extend_from_slice(&(name.len() as u16).to_le_bytes());
            local.extend_from_slice(&0u16.to_le_bytes()); // extra
            local.extend_from_slice(name);
            let mut central = Vec::with_capacity(46 + name.len());
            central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            central.extend_from_slice(&20u16.to_le_bytes()); // made by
            central.extend_from_slice(&local[4..30]);
            central.extend_from_slice(&0u16.to_le_bytes()); // comment
            central.extend_from_slice(&0u16.to_le_bytes()); // disk
            central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
            central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
            central.extend_from_slice(&(at as u32).to_le_bytes());
            central.extend_from_slice(name);
            records.extend_from_slice(&central);
            let data = at + local.len() as u64;
            tail.push((at, local));
            stored.push(Stored {
                index,
                data,
                len: e.uncompressed,
                compressed: e.compressed,
            });
            at = data + e.uncompressed;
        }
        let cd_at = at;
        let count = entries.len() as u16;
        let mut end = records;
        let cd_len = end.len() as u32;
        end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        end.extend_from_slice(&0u32.to_le_bytes()); // disks
        end.extend_from_slice(&count.to_le_bytes());
        end.extend_from_slice(&count.to_le_bytes());
        end.extend_from_slice(&cd_len.to_le_bytes());
        end.extend_from_slice(&(cd_at as u32).to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes()); // comment
        let len = cd_at + end.len() as u64;
        if len > u64::from(u32::MAX) {
            return Ok(None);
        }
        tail.push((cd_at, end));
        Ok(Some(Ok(StoredView {
            path: path.to_path_buf(),
            file,
            file_pos: u64::MAX, // unknown after reading the directory
            file_len,
            tail,
            stored,
            len,
            pos: 0,
            stream: None,
            findings: Arc::default(),
        })))
    }

    /// What the inflating threads found, shared: read it after calamine is done.
    pub(crate) fn findings(&self) -> Arc<Mutex<Findings>> {
        Arc::clone(&self.findings)
    }

    /// Starts inflating worksheet `sheet` from its beginning.
    fn start(&mut self, sheet: usize) -> Stream {
        let (tx, rx) = sync_channel(IN_FLIGHT);
        let path = self.path.clone();
        let s = &self.stored[sheet];
        let (index, len, max) = (s.index, s.len, limit(s.compressed));
        let findings = Arc::clone(&self.findings);
        findings.lock().unwrap_or_else(|p| p.into_inner()).last = Some(sheet);
        std::thread::spawn(move || {
            if let Err(fail) = inflate(&path, (sheet, index), len, max, &tx, &findings) {
                let mut f = findings.lock().unwrap_or_else(|p| p.into_inner());
                f.fail.get_or_insert(fail);
            }
        });
        Stream {
            sheet,
            offset: 0,
            rx,
            chunk: Vec::new(),
            at: 0,
        }
    }

    /// Reads worksheet data at `offset` of `sheet` into `buf`.
    fn read_stored(&mut self, sheet: usize, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
        let len = self.stored[sheet].len;
        let continued = self
            .stream
            .as_ref()
            .is_some_and(|s| s.sheet == sheet && s.offset <= offset);
        if !continued && offset > 0 {
            // Not a read of the part (which starts at its beginning and goes on in order):
            // zip looking backwards for the end record. Zeros hold no record, as the XML
            // does not either, and inflating the sheet to get there would cost it all.
            buf.fill(0);
            return Ok(buf.len());
        }
        if !continued {
            self.stream = Some(self.start(sheet));
        }
        let findings = Arc::clone(&self.findings);
        let stream = self.stream.as_mut().expect("started");
        let failed = || {
            let fail = findings.lock().unwrap_or_else(|p| p.into_inner()).fail;
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("worksheet not inflated: {fail:?}"),
            )
        };
        loop {
            if stream.at == stream.chunk.len() {
                match stream.rx.recv() {
                    Ok(Msg::Data(chunk)) => {
                        stream.chunk = chunk;
                        stream.at = 0;
                    }
                    Ok(Msg::End) | Err(_) => return Err(failed()),
                }
            }
            let available = &stream.chunk[stream.at..];
            if stream.offset < offset {
                // Skip forward to where calamine reads.
                let skip = available.len().min((offset - stream.offset) as usize);
                stream.at += skip;
                stream.offset += skip as u64;
                continue;
            }
            let n = available.len().min(buf.len());
            buf[..n].copy_from_slice(&available[..n]);
            stream.at += n;
            stream.offset += n as u64;
            if stream.offset == len {
                // The last byte waits for the thread's verdict on the whole sheet.
                match stream.rx.recv() {
                    Ok(Msg::End) => {}
                    _ => return Err(failed()),
                }
            }
            return Ok(n);
        }
    }
}

/// Inflates entry `index` of the archive at `path` (worksheet `sheet` of the view, declared
/// `len` bytes) to `tx`, checking every byte; at most `max` bytes.
fn inflate(
    path: &Path,
    (sheet, index): (usize, usize),
    len: u64,
    max: u64,
    tx: &SyncSender<Msg>,
    findings: &Mutex<Findings>,
) -> Result<(), Fail> {
    let file = File::open(path).map_err(|_| Fail::Unreadable)?;
    let mut zip = zip::ZipArchive::new(io::BufReader::new(file)).map_err(|_| Fail::Unreadable)?;
    let mut part = zip.by_index(index).map_err(|_| Fail::Unreadable)?;
    let sheet_part = part.name().is_ok_and(|n| is_sheet(&n));
    // Formulas are found by calamine while it reads; only merges and references are looked for.
    let mut scan = SheetScan::new(false);
    let mut total: u64 = 0;
    loop {
        let mut chunk = vec![0u8; CHUNK];
        let mut n = 0;
        while n < CHUNK {
            match part.read(&mut chunk[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return Err(Fail::Unreadable),
            }
        }
        chunk.truncate(n);
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > max {
            return Err(Fail::Bomb(max));
        }
        if sheet_part && !scan.see(&chunk) {
            return Err(Fail::BadReference);
        }
        if tx.send(Msg::Data(chunk)).is_err() {
            return Ok(()); // calamine stopped reading
        }
    }
    if total != len {
        return Err(Fail::Unreadable);
    }
    if scan.merges {
        let mut f = findings.lock().unwrap_or_else(|p| p.into_inner());
        f.merged.push(sheet);
    }
    let _ = tx.send(Msg::End);
    Ok(())
}

/// The entries of the central directory of a plain (not zip64, not split) archive.
impl Read for StoredView {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() || self.pos >= self.len {
            return Ok(0);
        }
        let pos = self.pos;
        let n = if pos < self.file_len {
            if self.file_pos != pos {
                self.file.seek(SeekFrom::Start(pos))?;
                self.file_pos = pos;
            }
            let max = buf.len().min((self.file_len - pos) as usize);
            let n = self.file.read(&mut buf[..max])?;
            self.file_pos += n as u64;
            n
        } else if let Some(i) = self
            .stored
            .iter()
            .position(|s| s.data <= pos && pos < s.data + s.len)
        {
            let s = &self.stored[i];
            let max = buf.len().min((s.data + s.len - pos) as usize);
            let offset = pos - s.data;
            self.read_stored(i, offset, &mut buf[..max])?
        } else {
            let Some((at, bytes)) = self
                .tail
                .iter()
                .find(|(at, b)| *at <= pos && pos < at + b.len() as u64)
            else {
                return Ok(0);
            };
            let from = &bytes[(pos - at) as usize..];
            let n = from.len().min(buf.len());
            buf[..n].copy_from_slice(&from[..n]);
            n
        };
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for StoredView {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let pos = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = pos.ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
        Ok(self.pos)
    }
}

#[cfg(test)]
#[path = "stored_view_tests.rs"]
mod tests;

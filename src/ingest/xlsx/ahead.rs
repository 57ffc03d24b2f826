//! A part inflated on a thread of its own, ahead of the thread that scans it, so that the two
//! halves of reading a large sheet (inflating and scanning) run on two cores. The chunks go
//! one way and come back empty for reuse; a failure to inflate arrives as the reader's error.

use std::io::{self, Read};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// Bytes a chunk, and chunks inflated ahead of the scan.
const CHUNK: usize = 256 << 10;
const CHUNKS_AHEAD: usize = 8;

/// The scanning end: the part's bytes as the other thread inflated them.
pub(super) struct Ahead {
    chunks: Receiver<io::Result<Vec<u8>>>,
    spare: SyncSender<Vec<u8>>,
    current: Vec<u8>,
    at: usize,
}

/// The inflating end, to be run on its own thread with [`Pump::run`].
pub(super) struct Pump<R> {
    part: R,
    chunks: SyncSender<io::Result<Vec<u8>>>,
    spare: Receiver<Vec<u8>>,
}

/// The two ends of reading `part` ahead.
pub(super) fn ahead<R: Read>(part: R) -> (Pump<R>, Ahead) {
    let (chunks_tx, chunks_rx) = sync_channel(CHUNKS_AHEAD);
    let (spare_tx, spare_rx) = sync_channel(CHUNKS_AHEAD + 2);
    let pump = Pump {
        part,
        chunks: chunks_tx,
        spare: spare_rx,
    };
    let reader = Ahead {
        chunks: chunks_rx,
        spare: spare_tx,
        current: Vec::new(),
        at: 0,
    };
    (pump, reader)
}

impl<R: Read> Pump<R> {
    /// Inflates the part chunk by chunk until it ends, fails, or the scan stops reading.
    pub(super) fn run(mut self) {
        loop {
            let mut chunk = self
                .spare
                .try_recv()
                .unwrap_or_else(|_| Vec::with_capacity(CHUNK));
            chunk.resize(CHUNK, 0);
            let mut filled = 0;
            while filled < CHUNK {
                match self.part.read(&mut chunk[filled..]) {
                    Ok(0) => break,
                    Ok(n) => filled += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        let _ = self.chunks.send(Err(e));
                        return;
                    }
                }
            }
            if filled == 0 {
                // The end: the scan reads it as the channel closing.
                return;
            }
            chunk.truncate(filled);
            if self.chunks.send(Ok(chunk)).is_err() {
                return;
            }
        }
    }
}

impl Read for Ahead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.current.len() {
            match self.chunks.recv() {
                Ok(Ok(chunk)) => {
                    let used = std::mem::replace(&mut self.current, chunk);
                    let _ = self.spare.try_send(used);
                    self.at = 0;
                }
                Ok(Err(e)) => return Err(e),
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len() - self.at);
        buf[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A part that fails after `ok` bytes, as a bounded part does at its limit.
    struct Failing {
        ok: usize,
    }

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.ok == 0 {
                return Err(io::Error::other(super::super::Fail::Bomb(7)));
            }
            let n = buf.len().min(self.ok).min(1000);
            buf[..n].fill(b'x');
            self.ok -= n;
            Ok(n)
        }
    }

    #[test]
    fn the_part_reads_the_same_ahead_and_a_failure_arrives_as_it_was() {
        let bytes: Vec<u8> = (0..3 * CHUNK + 17).map(|i| (i % 251) as u8).collect();
        let (pump, mut reader) = ahead(&bytes[..]);
        let mut read = Vec::new();
        std::thread::scope(|s| {
            s.spawn(|| pump.run());
            reader.read_to_end(&mut read).unwrap();
        });
        assert_eq!(read, bytes);

        let (pump, mut reader) = ahead(Failing { ok: CHUNK + 5 });
        let mut read = Vec::new();
        let err = std::thread::scope(|s| {
            s.spawn(|| pump.run());
            reader.read_to_end(&mut read).unwrap_err()
        });
        assert_eq!(
            super::super::scan::read_failure(&err),
            super::super::Fail::Bomb(7)
        );
        assert_eq!(read.len(), CHUNK, "the whole chunks before the failure");
    }

    #[test]
    fn a_scan_that_stops_early_stops_the_pump() {
        let bytes = vec![b'x'; 40 * CHUNK];
        let (pump, mut reader) = ahead(&bytes[..]);
        std::thread::scope(|s| {
            let pumping = s.spawn(|| pump.run());
            let mut first = [0u8; 10];
            reader.read_exact(&mut first).unwrap();
            drop(reader);
            pumping.join().unwrap();
        });
    }
}

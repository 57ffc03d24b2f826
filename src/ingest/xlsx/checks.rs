//! How far a part of a zip package (xlsx, ods) may inflate, and the message when it goes
//! further.

/// A part may inflate to this much whatever its compressed size.
pub(crate) const MAX_INFLATED: u64 = 100 << 20;
/// Beyond [`MAX_INFLATED`], a part may inflate at most this many times its compressed size:
/// spreadsheet XML packs 5–50 times, a zip bomb about 1 000 times.
pub(crate) const MAX_RATIO: u64 = 250;

/// The error for a part that inflates beyond [`limit`], the same for xlsx and ods.
pub(crate) fn too_large(name: &str, limit: u64) -> anyhow::Error {
    anyhow::anyhow!(
        "{name}: filen packas upp till mer än {} MB och läses inte; ett riktigt kalkylblad packas inte så hårt (filen kan vara en så kallad zip-bomb)",
        limit >> 20
    )
}

/// How far a part of `compressed` bytes may inflate.
pub(crate) fn limit(compressed: u64) -> u64 {
    MAX_INFLATED.max(compressed.saturating_mul(MAX_RATIO))
}

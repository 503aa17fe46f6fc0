//! The cache's one container format: a fixed header and a MessagePack body.
//!
//! Layout (little-endian): `FDCACHE\0` (8 bytes), kind (1 byte: `F` parsed files, `D`
//! duplicate removal, `G` grouping, `T` term statistics, `E` event index), format version (u32, [`FORMAT`]), build fingerprint (16
//! bytes, [`super::fingerprint`]), body length (u64), XXH3-64 of the body (u64), then the body:
//! one value encoded with `rmp-serde` as maps with field names. A file whose magic, kind,
//! version, fingerprint, length or checksum does not match is rejected as a whole
//! ([`ReadError`]), never partly trusted. Files are written to a temporary file in the same
//! folder and renamed over the old one, so a reader sees the old file or the new one, never a
//! mix, also when two framediff processes write at once.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Version of the container and of every record in it; bumped on any incompatible change
/// (2: the duplicate and grouping records hold what incremental updates need).
pub const FORMAT: u32 = 2;

const MAGIC: &[u8; 8] = b"FDCACHE\0";
const HEADER_LEN: usize = 8 + 1 + 4 + 16 + 8 + 8;

/// What a cache file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Parsed articles of one shard of the corpus's files ([`super::files`]).
    Files = b'F' as isize,
    /// The articles duplicate removal kept ([`super::dedupe`]).
    Duplicates = b'D' as isize,
    /// The events automatic grouping made of the loose articles ([`super::grouping`]).
    Grouping = b'G' as isize,
    /// Corpus-wide term statistics ([`super::terms`]).
    Terms = b'T' as isize,
    /// The event index of a load ([`super::events`]).
    Events = b'E' as isize,
}

/// Why a cache file was not used.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// There is no such file (a cold cache): nothing to report.
    #[error("not cached yet")]
    Missing,
    /// The file is there but cannot be used; it will be rebuilt.
    #[error("{0}")]
    Invalid(String),
}

/// Reads and checks a cache file of `kind` written by a build with `fingerprint`.
///
/// # Errors
/// [`ReadError::Missing`] when there is no file; [`ReadError::Invalid`] naming the reason
/// (unreadable, truncated, another format version or build, bad checksum, undecodable body).
pub fn read<T: DeserializeOwned>(
    path: &Path,
    kind: Kind,
    fingerprint: &[u8; 16],
) -> Result<T, ReadError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadError::Missing),
        Err(e) => return Err(ReadError::Invalid(format!("cannot be read ({e})"))),
    };
    let body = check(&bytes, kind, fingerprint)?;
    rmp_serde::from_slice(body).map_err(|e| ReadError::Invalid(format!("undecodable ({e})")))
}

/// The body of `bytes` if the header matches; see the module documentation.
fn check<'a>(bytes: &'a [u8], kind: Kind, fingerprint: &[u8; 16]) -> Result<&'a [u8], ReadError> {
    let bad = |why: &str| Err(ReadError::Invalid(why.to_string()));
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return bad("not a framediff cache file (truncated or foreign)");
    }
    if bytes[8] != kind as u8 {
        return bad("holds another kind of record");
    }
    let version = u32::from_le_bytes(bytes[9..13].try_into().unwrap_or_default());
    if version != FORMAT {
        return Err(ReadError::Invalid(format!(
            "format version {version}, this build reads {FORMAT}"
        )));
    }
    if &bytes[13..29] != fingerprint {
        return bad("written by another framediff build");
    }
    let len = u64::from_le_bytes(bytes[29..37].try_into().unwrap_or_default());
    let sum = u64::from_le_bytes(bytes[37..45].try_into().unwrap_or_default());
    let body = &bytes[HEADER_LEN..];
    if body.len() as u64 != len {
        return bad("truncated");
    }
    if xxhash_rust::xxh3::xxh3_64(body) != sum {
        return bad("checksum mismatch (corrupt)");
    }
    Ok(body)
}

/// Writes `value` to `path` atomically (temporary file in the same folder, then rename),
/// creating the folder if needed. The temporary file is removed when anything fails.
///
/// # Errors
/// Encoding or file-system errors; the old file, if any, is then left as it was.
pub fn write<T: Serialize>(
    path: &Path,
    kind: Kind,
    fingerprint: &[u8; 16],
    value: &T,
) -> std::io::Result<()> {
    let body = rmp_serde::to_vec_named(value).map_err(std::io::Error::other)?;
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.push(kind as u8);
    header.extend_from_slice(&FORMAT.to_le_bytes());
    header.extend_from_slice(fingerprint);
    header.extend_from_slice(&(body.len() as u64).to_le_bytes());
    header.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes());
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(temp_name(path));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(&header)?;
        f.write_all(&body)?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Prefix of temporary files; anything starting with it is a leftover of a crashed write.
pub const TEMP_PREFIX: &str = ".tmp-";

/// A name no other writer (thread or process) uses at the same time.
fn temp_name(path: &Path) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{TEMP_PREFIX}{}-{n}-{name}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FP: [u8; 16] = [7; 16];

    #[test]
    fn a_written_file_reads_back_and_every_damage_is_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub").join("x.fdc");
        let value = vec![("a".to_string(), 1u32), ("b".to_string(), 2)];
        write(&p, Kind::Terms, &FP, &value).unwrap();
        let back: Vec<(String, u32)> = read(&p, Kind::Terms, &FP).unwrap();
        assert_eq!(back, value);
        // no temporary file is left behind
        assert_eq!(std::fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);

        let invalid = |r: Result<Vec<(String, u32)>, ReadError>| match r {
            Err(ReadError::Invalid(why)) => why,
            other => panic!("expected a rejection, got {other:?}"),
        };
        assert!(invalid(read(&p, Kind::Grouping, &FP)).contains("kind"));
        assert!(invalid(read(&p, Kind::Terms, &[8; 16])).contains("another framediff build"));
        let bytes = std::fs::read(&p).unwrap();
        std::fs::write(&p, &bytes[..bytes.len() - 3]).unwrap();
        assert!(invalid(read(&p, Kind::Terms, &FP)).contains("truncated"));
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        std::fs::write(&p, &flipped).unwrap();
        assert!(invalid(read(&p, Kind::Terms, &FP)).contains("checksum"));
        let mut old = bytes.clone();
        old[9..13].copy_from_slice(&0u32.to_le_bytes());
        std::fs::write(&p, &old).unwrap();
        assert!(invalid(read(&p, Kind::Terms, &FP)).contains("format version 0"));
        std::fs::write(&p, b"garbage").unwrap();
        assert!(invalid(read(&p, Kind::Terms, &FP)).contains("not a framediff cache"));
        assert!(matches!(
            read::<u32>(&dir.path().join("none"), Kind::Terms, &FP),
            Err(ReadError::Missing)
        ));
    }
}

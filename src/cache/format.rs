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

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Version of the container and of every record in it; bumped on any incompatible change
/// (2: the duplicate and grouping records hold what incremental updates need; 3: an article
/// text may be a place in a streamed dump, `Body::Stored`; 4: the grouping record holds the
/// time-local document frequencies of its features).
pub const FORMAT: u32 = 4;

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
/// The file is never held whole in memory (a streamed dump's parsed articles are a cache
/// entry of hundreds of MB): a first pass reads it in 1 MiB parts to check its length and
/// checksum, a second decodes the value from a buffered reader. A damaged file is thus
/// rejected before anything is decoded from it (and no length read from it is trusted).
///
/// # Errors
/// [`ReadError::Missing`] when there is no file; [`ReadError::Invalid`] naming the reason
/// (unreadable, truncated, another format version or build, bad checksum, undecodable body).
pub fn read<T: DeserializeOwned>(
    path: &Path,
    kind: Kind,
    fingerprint: &[u8; 16],
) -> Result<T, ReadError> {
    let unreadable = |e: std::io::Error| ReadError::Invalid(format!("cannot be read ({e})"));
    let open = || match std::fs::File::open(path) {
        Ok(f) => Ok(std::io::BufReader::with_capacity(1 << 20, f)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(ReadError::Missing),
        Err(e) => Err(unreadable(e)),
    };
    let mut r = open()?;
    let mut header = [0u8; HEADER_LEN];
    if let Err(e) = r.read_exact(&mut header) {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            return Err(ReadError::Invalid(
                "not a framediff cache file (truncated or foreign)".into(),
            ));
        }
        return Err(unreadable(e));
    }
    let (len, sum) = check_header(&header, kind, fingerprint)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut read = 0u64;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = r.read(&mut buf).map_err(unreadable)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        read += n as u64;
    }
    drop(buf);
    if read != len {
        return Err(ReadError::Invalid("truncated".into()));
    }
    if hasher.digest() != sum {
        return Err(ReadError::Invalid("checksum mismatch (corrupt)".into()));
    }
    let mut r = open()?;
    r.seek_relative(HEADER_LEN as i64).map_err(unreadable)?;
    rmp_serde::from_read(r).map_err(|e| ReadError::Invalid(format!("undecodable ({e})")))
}

/// The body's length and checksum if the header matches; see the module documentation.
fn check_header(
    header: &[u8; HEADER_LEN],
    kind: Kind,
    fingerprint: &[u8; 16],
) -> Result<(u64, u64), ReadError> {
    let bad = |why: &str| Err(ReadError::Invalid(why.to_string()));
    if &header[..8] != MAGIC {
        return bad("not a framediff cache file (truncated or foreign)");
    }
    if header[8] != kind as u8 {
        return bad("holds another kind of record");
    }
    let version = u32::from_le_bytes(header[9..13].try_into().unwrap_or_default());
    if version != FORMAT {
        return Err(ReadError::Invalid(format!(
            "format version {version}, this build reads {FORMAT}"
        )));
    }
    if &header[13..29] != fingerprint {
        return bad("written by another framediff build");
    }
    let len = u64::from_le_bytes(header[29..37].try_into().unwrap_or_default());
    let sum = u64::from_le_bytes(header[37..45].try_into().unwrap_or_default());
    Ok((len, sum))
}

/// A writer that counts and hashes what passes through it (the body, as it is encoded).
struct Summing<W> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
    len: u64,
}

impl<W: Write> Write for Summing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `value` to `path` atomically (temporary file in the same folder, then rename),
/// creating the folder if needed. The body is encoded straight into the file through a
/// buffer, never whole in memory; its length and checksum are filled into the header
/// afterwards. The temporary file is removed when anything fails.
///
/// # Errors
/// Encoding or file-system errors; the old file, if any, is then left as it was.
pub fn write<T: Serialize>(
    path: &Path,
    kind: Kind,
    fingerprint: &[u8; 16],
    value: &T,
) -> std::io::Result<()> {
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.push(kind as u8);
    header.extend_from_slice(&FORMAT.to_le_bytes());
    header.extend_from_slice(fingerprint);
    header.extend_from_slice(&[0; 16]); // length and checksum, filled in below
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(temp_name(path));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(&header)?;
        let mut w = Summing {
            inner: std::io::BufWriter::with_capacity(1 << 20, f),
            hasher: xxhash_rust::xxh3::Xxh3::new(),
            len: 0,
        };
        rmp_serde::encode::write_named(&mut w, value).map_err(std::io::Error::other)?;
        let (len, sum) = (w.len, w.hasher.digest());
        let mut f = w.inner.into_inner().map_err(|e| e.into_error())?;
        f.seek(SeekFrom::Start(29))?;
        f.write_all(&len.to_le_bytes())?;
        f.write_all(&sum.to_le_bytes())?;
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

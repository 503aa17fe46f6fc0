//! An on-disk cache of sentence vectors, one file per model, keyed by a hash of the text.
//!
//! File `<dir>/<model id>.vec`: the 8-byte magic `FDEMB001`, the vector length as a u32
//! (little-endian), then records of a 16-byte text key (the first half of the text's
//! SHA-256) and `dim` f32 values (little-endian). New vectors are appended in one write
//! ([`EmbeddingCache::flush`]); a record cut short (a process stopped mid-write) is ignored
//! when the file is read, and a file with another magic or length is replaced.
//!
//! Self-contained on purpose: it knows nothing of corpora, so a corpus cache can hold one
//! of these per model, or merge it, later.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

const MAGIC: &[u8; 8] = b"FDEMB001";

/// The key of a text: the first 16 bytes of its SHA-256.
pub type TextKey = [u8; 16];

/// The key of `text`.
pub fn text_key(text: &str) -> TextKey {
    let d = Sha256::digest(text.as_bytes());
    let mut k = [0u8; 16];
    k.copy_from_slice(&d[..16]);
    k
}

/// Sentence vectors of one model, in memory, optionally backed by a file.
#[derive(Debug)]
pub struct EmbeddingCache {
    file: Option<PathBuf>,
    dim: usize,
    map: HashMap<TextKey, Arc<[f32]>>,
    pending: Vec<TextKey>,
    /// Look-ups answered from the cache since it was opened.
    pub hits: usize,
    /// Look-ups not found.
    pub misses: usize,
}

impl EmbeddingCache {
    /// A cache that is never written to disk.
    pub fn in_memory(dim: usize) -> Self {
        Self {
            file: None,
            dim,
            map: HashMap::new(),
            pending: Vec::new(),
            hits: 0,
            misses: 0,
        }
    }

    /// The folder for embeddings in the cache root ([`crate::cache::default_root`]:
    /// `$FRAMEDIFF_CACHE_DIR/embeddings`, else `~/.cache/framediff/embeddings` on Linux),
    /// if there is one.
    pub fn default_dir() -> Option<PathBuf> {
        crate::cache::default_root().map(|root| root.join(crate::analysis::EMBEDDINGS_DIR))
    }

    /// Opens (or starts) the cache file of model `model_id` in `dir`. An unreadable folder or
    /// file is an error; a file of another format or vector length is started afresh.
    pub fn open(dir: &Path, model_id: &str, dim: usize) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let file = dir.join(format!("{model_id}.vec"));
        let mut cache = Self::in_memory(dim);
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e),
        };
        let head = header(dim);
        if bytes.starts_with(&head) {
            let record = 16 + 4 * dim;
            for r in bytes[head.len()..].chunks_exact(record) {
                let mut k = [0u8; 16];
                k.copy_from_slice(&r[..16]);
                let v: Vec<f32> = r[16..]
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                    .collect();
                cache.map.insert(k, v.into());
            }
            // drop a record cut short, so appends stay aligned
            let whole = head.len() + (bytes.len() - head.len()) / record * record;
            if whole != bytes.len() {
                std::fs::write(&file, &bytes[..whole])?;
            }
        } else {
            std::fs::write(&file, head)?;
        }
        cache.file = Some(file);
        Ok(cache)
    }

    /// The file behind the cache, if any.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Number of vectors held.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The vector of `text`, if cached (counted in `hits` / `misses`).
    pub fn get(&mut self, text: &str) -> Option<Arc<[f32]>> {
        let v = self.map.get(&text_key(text)).cloned();
        if v.is_some() {
            self.hits += 1;
        } else {
            self.misses += 1;
        }
        v
    }

    /// Stores the vector of `text` (to be written by the next `flush`). Vectors of another
    /// length are ignored.
    pub fn insert(&mut self, text: &str, v: Arc<[f32]>) {
        if v.len() != self.dim {
            return;
        }
        let k = text_key(text);
        if self.map.insert(k, v).is_none() {
            self.pending.push(k);
        }
    }

    /// Appends the vectors stored since the last flush to the file, in one write.
    pub fn flush(&mut self) -> std::io::Result<()> {
        let Some(file) = &self.file else {
            self.pending.clear();
            return Ok(());
        };
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut buf = Vec::with_capacity(self.pending.len() * (16 + 4 * self.dim));
        for k in &self.pending {
            buf.extend_from_slice(k);
            for x in self.map[k].iter() {
                buf.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut f = std::fs::OpenOptions::new().append(true).open(file)?;
        f.write_all(&buf)?;
        self.pending.clear();
        Ok(())
    }
}

fn header(dim: usize) -> Vec<u8> {
    let mut h = MAGIC.to_vec();
    h.extend_from_slice(&(dim as u32).to_le_bytes());
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_survive_a_reopen_and_a_torn_record_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = EmbeddingCache::open(dir.path(), "m1", 3).unwrap();
        assert!(c.get("a").is_none());
        c.insert("a", vec![1.0, 2.0, 3.0].into());
        c.insert("b", vec![4.0, 5.0, 6.0].into());
        c.insert("wrong length", vec![1.0].into());
        c.flush().unwrap();
        // a torn record at the end
        let file = c.file().unwrap().to_path_buf();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&file)
            .unwrap()
            .write_all(&[7u8; 20])
            .unwrap();
        let mut again = EmbeddingCache::open(dir.path(), "m1", 3).unwrap();
        assert_eq!(again.len(), 2);
        assert_eq!(&*again.get("b").unwrap(), &[4.0, 5.0, 6.0]);
        assert_eq!((again.hits, again.misses), (1, 0));
        again.insert("c", vec![0.0, 0.5, 1.0].into());
        again.flush().unwrap();
        assert_eq!(EmbeddingCache::open(dir.path(), "m1", 3).unwrap().len(), 3);
        // another model or vector length does not see these
        assert!(
            EmbeddingCache::open(dir.path(), "m2", 3)
                .unwrap()
                .is_empty()
        );
        assert!(
            EmbeddingCache::open(dir.path(), "m1", 4)
                .unwrap()
                .is_empty()
        );
    }
}

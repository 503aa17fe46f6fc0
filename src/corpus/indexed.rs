//! Opening a corpus from the cache's event index ([`crate::cache::events`]): every event's
//! fields, the outlets and the diagnostics of the last whole load, and the articles of only
//! the event asked for, parsed again from its own files. `framediff compare EVENT` of a large
//! corpus costs one walk of the corpus (`stat` of every file) and the event's files, not a
//! decode of every article.
//!
//! Nothing that changed is trusted: the index is found only under the key of the file list the
//! walk sees now (paths, sizes, modification times), and each file of the event must still hash
//! to the recorded XXH3-128 and give articles with the recorded digests; otherwise
//! [`Indexed::with_event`] says why and the caller loads the whole corpus.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::load::{self, Found, LoadOptions};
use super::model::{Article, Corpus};
use crate::analysis::similarity::CorpusTerms;
use crate::cache::CorpusCache;
use crate::cache::events::{EventIndex, Source};
use crate::cache::files::content_hash;
use crate::cache::grouping::article_digest;

/// A corpus as its event index recorded it.
pub struct Indexed {
    skeleton: Corpus,
    index: EventIndex,
    cache: CorpusCache,
    /// The walk's files (looked up by path only for the event asked for).
    found: Vec<Found>,
    opts: LoadOptions,
}

/// The corpus at `path` from its event index, when `opts.cache` is set and an index of the
/// corpus as it is now on disk is stored; `None` otherwise (load it with [`load::load_with`],
/// which writes the index).
pub fn open(path: &Path, opts: &LoadOptions) -> Option<Indexed> {
    if !path.exists() || (path.is_dir() && super::basil::is_basil_root(path)) {
        return None;
    }
    let cache = CorpusCache::open(opts.cache.as_deref()?, path)?;
    let (found, walk_notes) = load::walk(path, opts);
    let key = load::index_key(path, &found, &walk_notes, opts)?;
    let index = cache.event_index(key)?;
    Some(Indexed {
        skeleton: index.skeleton(path),
        index,
        cache,
        found,
        opts: opts.clone(),
    })
}

impl Indexed {
    /// The corpus with every event's fields, the outlets and diagnostics, and no articles:
    /// enough to find an event by its id or title, not to compare one.
    pub fn corpus(&self) -> &Corpus {
        &self.skeleton
    }

    /// The corpus's term statistics, when the cache holds those of this corpus.
    pub fn terms(&self) -> Option<CorpusTerms> {
        self.cache.cached_terms(self.index.terms_key)
    }

    /// The corpus with the articles of event `i` (an index into [`Self::corpus`]'s events)
    /// read from their files; the other events stay empty.
    ///
    /// # Errors
    /// Why the index cannot give them (a file changed, cannot be read, or parses to another
    /// article): the whole corpus must then be loaded, and the index is removed so that load
    /// writes it again.
    pub fn with_event(self, i: usize) -> Result<Corpus, String> {
        let cache = self.cache.clone();
        self.fill(i).inspect_err(|_| cache.drop_event_index())
    }

    fn fill(mut self, i: usize) -> Result<Corpus, String> {
        let event = self
            .index
            .events
            .get(i)
            .ok_or_else(|| format!("no event {i}"))?;
        let sources = &event.articles;
        let mut parsed: HashMap<u32, Vec<Arc<Article>>> = HashMap::new();
        for &file in &event.files {
            parsed.insert(file, self.parse(file)?);
        }
        let mut articles = Vec::with_capacity(sources.len());
        for s in sources {
            match s {
                Source::Whole(a) => articles.push(Arc::new((**a).clone())),
                Source::File { file, at, digest } => {
                    if !parsed.contains_key(file) {
                        let list = self.parse(*file)?;
                        parsed.insert(*file, list);
                    }
                    let a = parsed
                        .get(file)
                        .and_then(|l| l.get(*at as usize))
                        .ok_or_else(|| format!("file {file} gives no article {at}"))?;
                    if article_digest(a) != *digest {
                        return Err(format!("{} parses to another article", a.path.display()));
                    }
                    articles.push(a.clone());
                }
            }
        }
        self.skeleton.events[i].articles = articles;
        Ok(self.skeleton)
    }

    /// The articles the parser makes of indexed file `file`, if its bytes are the recorded
    /// ones.
    fn parse(&self, file: u32) -> Result<Vec<Arc<Article>>, String> {
        let rec = &self.index.files[file as usize];
        // a scan comparing bytes: cheaper than hashing every path into a map (hashing a
        // `Path` parses its components)
        let f = self
            .found
            .iter()
            .find(|f| f.path.as_os_str().as_encoded_bytes() == rec.path.as_bytes())
            .ok_or_else(|| format!("{} is gone", rec.path))?;
        if load::streamed(f, &self.opts)
            && let Some(parsed) = self.cache.cached_parse(&f.file_ref(), rec.hash)
        {
            // a dump: its parse as the files cache recorded it (same path, size and time),
            // not a read and parse of every record; texts are checked as they are read back
            return Ok(parsed.into_iter().map(|p| p.article).collect());
        }
        let bytes = load::read_bytes(f, &self.opts, &mut Vec::new())
            .ok_or_else(|| format!("{} cannot be read", rec.path))?;
        if content_hash(&bytes) != rec.hash {
            return Err(format!("{} changed", rec.path));
        }
        Ok(load::parse_bytes(f, bytes, &self.opts)
            .parsed
            .into_iter()
            .map(|p| p.article)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn write_old(path: &Path, text: &str, modified: SystemTime) {
        std::fs::write(path, text).unwrap();
        let f = std::fs::File::options().write(true).open(path).unwrap();
        f.set_modified(modified).unwrap();
    }

    fn md(outlet: &str, title: &str, body: &str) -> String {
        format!("---\noutlet: {outlet}\ntitle: {title}\ndate: 2025-03-11\n---\n{body}\n")
    }

    #[test]
    fn an_indexed_event_has_the_articles_of_a_whole_load_and_a_changed_file_is_refused() {
        let corpus = tempfile::tempdir().unwrap();
        let cache_root = tempfile::tempdir().unwrap();
        let old = SystemTime::now() - Duration::from_secs(3600);
        let quake = "A magnitude 6.1 earthquake struck Lorca in Murcia on Tuesday, killing nine \
                     people; rescue teams searched collapsed buildings.";
        let files = [
            ("a.md", md("alpha", "Quake hits Lorca", quake)),
            ("b.md", md("beta", "Lorca earthquake kills nine", quake)),
            (
                "c.md",
                md(
                    "gamma",
                    "Budget passes",
                    "Parliament passed the budget after a long night of votes on taxes.",
                ),
            ),
        ];
        for (name, text) in &files {
            write_old(&corpus.path().join(name), text, old);
        }
        // the cache reads the status-change time too: let the writes leave its "racily
        // clean" window (2 s) so the whole load records them
        std::thread::sleep(Duration::from_millis(2200));
        let opts = LoadOptions {
            cache: Some(cache_root.path().to_path_buf()),
            threads: 1,
            ..LoadOptions::default()
        };
        let whole = load::load_with(corpus.path(), &opts, &|_| {});
        assert!(whole.events.len() >= 2);
        let indexed = open(corpus.path(), &opts).expect("the whole load wrote the index");
        assert_eq!(indexed.corpus().events.len(), whole.events.len());
        assert!(
            indexed
                .corpus()
                .events
                .iter()
                .all(|e| e.articles.is_empty())
        );
        let i = whole
            .events
            .iter()
            .position(|e| e.articles.len() == 2)
            .expect("the two quake articles grouped");
        let one = indexed
            .with_event(i)
            .expect("the event's files are unchanged");
        assert_eq!(
            format!("{:?}", one.events[i]),
            format!("{:?}", whole.events[i])
        );
        assert_eq!(one.diagnostics, whole.diagnostics);
        assert_eq!(one.outlets, whole.outlets);

        // the same size and modification time, other bytes: the status-change time moved,
        // so the index (keyed by the files' times) is not used
        let path = corpus.path().join("a.md");
        write_old(&path, &files[0].1.replace("nine", "NINE"), old);
        if cfg!(unix) {
            assert!(open(corpus.path(), &opts).is_none());
        } else {
            // no status-change time: the same file list, the change found on reading
            let indexed = open(corpus.path(), &opts).expect("same file list");
            let err = indexed.with_event(i).expect_err("the file changed");
            assert!(err.contains("changed"), "{err}");
            assert!(open(corpus.path(), &opts).is_none());
        }
        // a file too recent: no index is written or read
        write_old(&path, &files[0].1, SystemTime::now());
        load::load_with(corpus.path(), &opts, &|_| {});
        assert!(open(corpus.path(), &opts).is_none());
    }
}

//! Annotations whose event id is gone from the corpus (its folder renamed, moved or deleted):
//! re-attached to the event whose articles hold their claims, or listed as orphaned. Never
//! dropped in silence.

use std::path::{Path, PathBuf};

use super::{Annotations, ClusterAnnotation};
use crate::corpus::Event;

/// What [`Annotations::reattach`] did, for the Problems screen and `compare`'s stderr.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reattached {
    /// (old event id, new event id, annotations moved): the old id is in no event of the
    /// corpus now and the new event's articles hold the annotations' claims.
    pub moved: Vec<(String, String, usize)>,
    /// (old event id, annotations): no event has that id or their claims; kept in the file.
    pub lost: Vec<(String, usize)>,
}

impl Reattached {
    /// One line per old event id, as the Problems screen lists them.
    pub fn lines(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .moved
            .iter()
            .map(|(old, new, n)| {
                format!(
                    "{n} annotation(s) of event '{old}' moved to event '{new}': no event has the \
                     id '{old}' now (a renamed folder?) and the articles of '{new}' hold their \
                     claims; the annotations file now files them under '{new}'"
                )
            })
            .collect();
        v.extend(self.lost.iter().map(|(old, n)| {
            format!(
                "{n} orphaned annotation(s) of event '{old}': no event has that id now and no \
                 event's articles hold their claims; kept in the annotations file"
            )
        }));
        v
    }
}

impl Annotations {
    /// Re-attaches each annotation whose event id none of `events` has to the one event
    /// whose articles of the anchor claim's outlet (else of any outlet) hold the anchor's
    /// text, spaces aside; annotations that match no event, or several, stay as they are and
    /// are counted as lost. Only such annotations cost anything: the articles' text is read
    /// for them alone. Deterministic: events are tried in the order given.
    pub fn reattach(&mut self, events: &[Event]) -> Reattached {
        let ids: std::collections::HashSet<&str> = events.iter().map(|e| e.id.as_str()).collect();
        let mut moved: std::collections::BTreeMap<(String, String), usize> = Default::default();
        let mut lost: std::collections::BTreeMap<String, usize> = Default::default();
        for a in &mut self.annotations {
            if ids.contains(a.event.as_str()) {
                continue;
            }
            match holder(a, events) {
                Some(new) => {
                    let old = std::mem::replace(&mut a.event, new.clone());
                    *moved.entry((old, new)).or_default() += 1;
                }
                None => *lost.entry(a.event.clone()).or_default() += 1,
            }
        }
        Reattached {
            moved: moved.into_iter().map(|((o, n), c)| (o, n, c)).collect(),
            lost: lost.into_iter().collect(),
        }
    }
}

/// The id of the one event whose articles hold `a`'s anchor text: those of the anchor's
/// outlet first, then any outlet (an outlet id can change with a file's name).
fn holder(a: &ClusterAnnotation, events: &[Event]) -> Option<String> {
    let want = squeeze(&a.text);
    if want.is_empty() {
        return None;
    }
    let outlet = a.claims.first().map(|c| c.outlet.as_str());
    let find = |same_outlet: bool| -> Vec<&str> {
        events
            .iter()
            .filter(|e| {
                e.articles.iter().any(|art| {
                    (!same_outlet || Some(art.outlet.as_str()) == outlet)
                        && art.text().is_ok_and(|t| squeeze(&t).contains(&want))
                })
            })
            .map(|e| e.id.as_str())
            .collect()
    };
    let mut found = find(true);
    if found.is_empty() {
        found = find(false);
    }
    match found.as_slice() {
        [one] => Some((*one).to_string()),
        _ => None,
    }
}

/// `s` with every run of white space made one space, trimmed.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where the annotations of the corpus opened at `corpus` are read and written: an event
/// folder of a corpus opened on its own ([`crate::corpus::event_folder::parent_corpus`])
/// shares the corpus's `<parent>/.framediff/annotations.json`, so a note made one way shows
/// the other way; unless the folder has a file of its own already (made by an earlier
/// version), which is kept. Anything else: [`super::path_for`].
pub fn file_for(corpus: &Path) -> PathBuf {
    let own = super::path_for(corpus);
    if own.exists() {
        return own;
    }
    match crate::corpus::event_folder::parent_corpus(corpus) {
        Some(parent) => super::path_for(&parent),
        None => own,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ClaimRef, Verdict};
    use super::*;

    fn note(event: &str, outlet: &str, text: &str) -> ClusterAnnotation {
        ClusterAnnotation {
            event: event.into(),
            claims: vec![ClaimRef {
                outlet: outlet.into(),
                start: 0,
                end: text.len(),
            }],
            text: text.into(),
            analysis_verdict: Verdict::Shared,
            verdict: Verdict::Shared,
            agreed: false,
            note: "n".into(),
            excluded: Vec::new(),
        }
    }

    fn event(id: &str, outlet: &str, body: &str) -> Event {
        let path = format!("{id}/{outlet}.md");
        let a = crate::cache::grouping::tests::article(&path, outlet, body);
        Event::of_articles(id, "t", vec![a])
    }

    #[test]
    fn a_renamed_event_keeps_its_notes_and_an_unknown_one_is_reported() {
        let events = vec![
            event(
                "2014-04-25-grimm",
                "fox",
                "Grimm was charged.\n\nHe  denied it.",
            ),
            event("messi", "afp", "Messi signed."),
        ];
        let mut a = Annotations::default();
        a.annotations.push(note("grimm", "fox", "He denied it."));
        a.annotations
            .push(note("gone", "fox", "Nobody wrote this."));
        a.annotations.push(note("messi", "afp", "Messi signed."));
        let r = a.reattach(&events);
        assert_eq!(
            r.moved,
            vec![("grimm".into(), "2014-04-25-grimm".into(), 1)]
        );
        assert_eq!(r.lost, vec![("gone".into(), 1)]);
        assert_eq!(a.annotations[0].event, "2014-04-25-grimm");
        assert_eq!(a.annotations[1].event, "gone");
        assert_eq!(a.annotations[2].event, "messi");
        assert_eq!(r.lines().len(), 2);
        assert!(r.lines()[1].contains("orphaned annotation(s) of event 'gone'"));
    }

    #[test]
    fn text_held_by_two_events_is_not_guessed() {
        let events = vec![
            event("a", "fox", "Same text."),
            event("b", "fox", "Same text."),
        ];
        let mut a = Annotations::default();
        a.annotations.push(note("old", "fox", "Same text."));
        let r = a.reattach(&events);
        assert!(r.moved.is_empty());
        assert_eq!(a.annotations[0].event, "old");
    }

    #[test]
    fn an_event_folder_opened_alone_uses_its_corpus_file() {
        let root = std::env::temp_dir().join(format!("fd-annfile-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let ev = root.join("grimm");
        std::fs::create_dir_all(&ev).unwrap();
        // no mark on the parent: the folder's own file
        assert_eq!(file_for(&ev), super::super::path_for(&ev));
        std::fs::create_dir_all(root.join(".framediff")).unwrap();
        let parent = std::fs::canonicalize(&root).unwrap();
        assert_eq!(file_for(&ev), super::super::path_for(&parent));
        // a file of its own, from an earlier version, is kept
        std::fs::create_dir_all(ev.join(".framediff")).unwrap();
        std::fs::write(ev.join(".framediff/annotations.json"), "{}").unwrap();
        assert_eq!(file_for(&ev), super::super::path_for(&ev));
        std::fs::remove_dir_all(&root).unwrap();
    }
}

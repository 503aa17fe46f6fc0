//! Changed files applied to a loaded corpus (`corpus::live::Live`, the terminal UI's watcher;
//! docs/scaling.md "Incremental updates in the terminal UI") give the corpus a whole load
//! gives after the same sequence of changes: after each change the events (ids, headlines,
//! articles) are the bytes `framediff events --format json` prints with its own cache, and
//! the incremental marks are those `check --format json` reports; and the search index the
//! terminal UI makes from the previous one after each change is the one made afresh, with
//! the articles copied ahead of the change (`Live::prepare`, as the terminal UI does) or not,
//! and so are the event picker's rows taken from the previous corpus.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use framediff::app::engine::{self, TextIndex};
use framediff::app::picker::Picker;

use framediff::corpus::LoadOptions;
use framediff::corpus::live::{Applied, Live};

use super::cache_incremental::{Scratch, corpus, date, same, story, word};

/// The in-process state and the CLI's view of the same corpus, each with its own cache.
struct Pair {
    s: Scratch,
    live: Live,
    /// The search index of the last corpus, made from the one before (as the UI does).
    index: Option<Arc<TextIndex>>,
    /// The last corpus, from which the event picker's rows of the next are taken.
    last: framediff::corpus::Corpus,
    /// Changes applied so far: every other one with the articles copied ahead.
    changes: usize,
}

impl Pair {
    fn new() -> (Self, framediff::corpus::Corpus) {
        let s = Scratch::new();
        corpus(&s);
        let (live, first) = Live::load(&s.corpus(), &live_options(&s), &|_| {});
        let live = live.expect("a folder of loose articles takes changes");
        let index = Some(Arc::new(engine::index_text(Arc::new(first.clone()))));
        let last = first.clone();
        let pair = Self {
            s,
            live,
            index,
            last,
            changes: 0,
        };
        (pair, first)
    }

    /// Applies the change at `names` in process and asserts that it gives the CLI's events
    /// and marks; returns the corpus.
    #[track_caller]
    fn apply(&mut self, names: &[&str]) -> framediff::corpus::Corpus {
        let paths: Vec<PathBuf> = names.iter().map(|n| self.s.corpus().join(n)).collect();
        self.changes += 1;
        if self.changes.is_multiple_of(2) {
            self.live.prepare();
        }
        let corpus = match self.live.apply(&paths, &|_| {}) {
            Ok(Applied::Changed(c)) => c,
            other => panic!("{names:?}: {other:?}"),
        };
        self.assert_cli(&corpus, &format!("after {names:?}"));
        self.assert_index(&corpus, &format!("after {names:?}"));
        let rows = Arc::new(Picker::event_items(&self.last));
        assert_eq!(
            Picker::event_items_reusing(&corpus, &self.last, rows),
            Picker::event_items(&corpus),
            "after {names:?}: the event picker's rows"
        );
        self.last = corpus.clone();
        corpus
    }

    /// Asserts that the search index made from the previous one for `corpus` is the one
    /// made afresh, and keeps it for the next change.
    #[track_caller]
    fn assert_index(&mut self, corpus: &framediff::corpus::Corpus, what: &str) {
        let shared = Arc::new(corpus.clone());
        let next = engine::index_text_reusing(shared.clone(), self.index.as_deref());
        let fresh = engine::index_text(shared);
        assert_eq!(
            next.sentences, fresh.sentences,
            "{what}: the indexed sentences"
        );
        assert_eq!(
            next.headlines, fresh.headlines,
            "{what}: the indexed headlines"
        );
        assert_eq!(next.words, fresh.words, "{what}: the word index");
        self.index = Some(Arc::new(next));
    }

    /// Asserts that `corpus` is what the CLI loads now; its events as JSON.
    #[track_caller]
    fn assert_cli(&self, corpus: &framediff::corpus::Corpus, what: &str) -> String {
        let live = framediff::cli::events::to_json(corpus).unwrap() + "\n";
        let (cli, _) = self.s.ok(&["events", "--format", "json"]);
        same(&live, &cli, what);
        assert_eq!(corpus.incremental, self.s.marks(), "{what}: the marks");
        live
    }
}

fn live_options(s: &Scratch) -> LoadOptions {
    LoadOptions {
        cache: Some(live_cache(s)),
        ..LoadOptions::default()
    }
}

fn live_cache(s: &Scratch) -> PathBuf {
    s.cache().with_file_name("live-cache")
}

fn touch(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

#[test]
fn changes_applied_in_process_give_what_a_load_gives_after_the_same_changes() {
    let (mut p, first) = Pair::new();
    p.assert_cli(&first, "the first load");

    // a fourth outlet reports event 8: incremental, it joins the event
    p.s.write(
        "e08-o3.md",
        "outlet-3",
        &date(8),
        "A new report",
        &story(8, 3),
    );
    let after = p.apply(&["e08-o3.md"]);
    let joined = after
        .events
        .iter()
        .find(|e| e.articles.iter().any(|a| a.path.ends_with("e08-o3.md")))
        .expect("the new article");
    assert_eq!(joined.articles.len(), 4, "it joins event 8");
    assert_eq!(after.incremental.len(), 1, "{:?}", after.incremental);
    untouched(&first, &after, "e08-o3.md");

    // an article is removed: incremental
    p.s.remove("e09-o0.md");
    let after = p.apply(&["e09-o0.md"]);
    assert!(
        after.incremental[0].contains("0 added, 1 removed; 2 of 42"),
        "{:?}",
        after.incremental
    );

    // files no load reads: nothing to do
    touch(&p.s.corpus().join("README.md"), "notes\n");
    touch(
        &p.s.corpus().join(".draft.md"),
        "---\ntitle: x\n---\n\ntext\n",
    );
    let unchanged = p.live.apply(
        &[
            p.s.corpus().join("README.md"),
            p.s.corpus().join(".draft.md"),
        ],
        &|_| {},
    );
    assert!(matches!(unchanged, Ok(Applied::Unchanged)), "{unchanged:?}");

    // a changed text reaches 5% of the articles since the last full grouping: the update
    // regroups in full, as the CLI's does
    let e10 = p.s.corpus().join("e10-o1.md");
    let text = std::fs::read_to_string(&e10).unwrap();
    touch(&e10, &text.replace("divided", "split"));
    let after = p.apply(&["e10-o1.md", "e10-o1.md"]);
    assert!(after.incremental.is_empty(), "a full regroup has no mark");

    // an outlets.toml is not applied: the caller loads whole
    touch(
        &p.s.corpus().join("outlets.toml"),
        "[outlet-0]\nname = \"Outlet Zero\"\n",
    );
    let refused = p.live.apply(&[p.s.corpus().join("outlets.toml")], &|_| {});
    assert!(refused.is_err(), "{refused:?}");
    let (live, whole) = Live::load(&p.s.corpus(), &live_options(&p.s), &|_| {});
    p.live = live.expect("still a folder");
    p.assert_cli(&whole, "a whole load after outlets.toml");
    p.assert_index(&whole, "a whole load after outlets.toml");
    p.last = whole.clone();

    // and changes apply again after it: a new single-article event
    p.s.write(
        "n99-o1.md",
        "outlet-1",
        &date(40),
        &format!("{} stadium opens", word(99, 0)),
        &story(99, 0),
    );
    let before = std::time::SystemTime::now() - std::time::Duration::from_millis(50);
    let last = p.apply(&["n99-o1.md"]);
    assert_eq!(last.incremental.len(), 1, "{:?}", last.incremental);

    // the records kept in memory were written in the background: once flushed they are on
    // disk, and a load of its own (no records in memory) gives the same corpus from them
    p.live.flush();
    for name in ["dedupe.fdc", "grouping.fdc"] {
        let written = record_time(&p.s, name);
        assert!(written >= before, "{name} written after the last change");
    }
    let (_, again) = Live::load(&p.s.corpus(), &live_options(&p.s), &|_| {});
    p.assert_cli(
        &again,
        "a new load from the records written in the background",
    );
}

/// Every event of `after` is named by one of its articles' headlines, and every event of
/// `before` that holds no article of the file `changed` is in `after` as it was (id,
/// headline, date, articles): an update names the events it left alone from the record, not
/// by looking for their central articles again.
#[track_caller]
fn untouched(before: &framediff::corpus::Corpus, after: &framediff::corpus::Corpus, changed: &str) {
    let paths = |e: &framediff::corpus::Event| -> Vec<PathBuf> {
        e.articles.iter().map(|a| a.path.clone()).collect()
    };
    for e in &after.events {
        assert!(
            e.articles.iter().any(|a| a.title == e.title),
            "{}: named by none of its articles",
            e.id
        );
    }
    let touched =
        |e: &framediff::corpus::Event| e.articles.iter().any(|a| a.path.ends_with(changed));
    let joined = after
        .events
        .iter()
        .find(|e| touched(e))
        .map(paths)
        .unwrap_or_default();
    let mut kept = 0;
    for e in before
        .events
        .iter()
        .filter(|e| !paths(e).iter().any(|p| joined.contains(p)))
    {
        let same = after
            .events
            .iter()
            .find(|x| x.id == e.id)
            .expect("the event is kept");
        assert_eq!(
            (&same.title, same.date, paths(same)),
            (&e.title, e.date, paths(e))
        );
        kept += 1;
    }
    assert!(
        kept + 1 >= before.events.len(),
        "{kept} of {} events kept",
        before.events.len()
    );
}

/// When the live state's cache file `name` was last written.
fn record_time(s: &Scratch, name: &str) -> std::time::SystemTime {
    walkdir::WalkDir::new(live_cache(s))
        .into_iter()
        .flatten()
        .find(|e| e.file_name() == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .metadata()
        .unwrap()
        .modified()
        .unwrap()
}

/// The records an update takes from memory and changes in place (`CorpusCache::take_kept`),
/// through the paths that leave them: grouping updated in place, a full regroup once 5% of
/// the articles changed since the last one (the corpus has 42 articles: the third change), an
/// update from the full run's record (a changed file), duplicate removal falling back to a
/// full run (an added copy of an article's text, then its removal), and a removal. After each
/// step the corpus is the one the CLI loads with its own cache.
#[test]
fn records_changed_in_place_through_fallbacks_give_what_a_load_gives() {
    let (mut p, first) = Pair::new();
    p.assert_cli(&first, "the first load");
    let marked = |c: &framediff::corpus::Corpus, what: &str| {
        assert!(
            c.incremental.iter().any(|n| n.contains(what)),
            "{what}: {:?}",
            c.incremental
        );
    };
    let new = |p: &Pair, variant| {
        p.s.write(
            "n50-o2.md",
            "outlet-2",
            &date(50),
            &format!("{} tunnel opens", word(50, 0)),
            &story(50, variant),
        );
    };

    // a new single-article event: updated in place
    new(&p, 2);
    marked(&p.apply(&["n50-o2.md"]), "(1 added, 0 removed; 1 of 43");
    // its text changed (removed and added again): 3 of 43 changed, a full regroup
    new(&p, 3);
    let after = p.apply(&["n50-o2.md"]);
    assert!(after.incremental.is_empty(), "{:?}", after.incremental);
    assert_eq!(after.article_count(), first.article_count() + 1);
    // changed again: updated from the full run's record
    new(&p, 0);
    marked(&p.apply(&["n50-o2.md"]), "(1 added, 1 removed; 2 of 43");

    // a copy of an article's text under another outlet (duplicate removal runs in full:
    // the copy takes part in a duplicate), then its removal, then the new event's
    p.s.write(
        "e03-copy.md",
        "outlet-7",
        &date(3),
        "A copied report",
        &story(3, 1),
    );
    p.apply(&["e03-copy.md"]);
    p.s.remove("e03-copy.md");
    p.apply(&["e03-copy.md"]);
    p.s.remove("n50-o2.md");
    let last = p.apply(&["n50-o2.md"]);
    assert_eq!(last.article_count(), first.article_count());
}

/// The events of `corpus` as `(id, sorted file names)`.
fn events_of(corpus: &framediff::corpus::Corpus) -> Vec<(String, Vec<String>)> {
    corpus
        .events
        .iter()
        .map(|e| {
            let mut names: Vec<String> = e
                .articles
                .iter()
                .map(|a| a.path.file_name().unwrap().to_string_lossy().into_owned())
                .collect();
            names.sort();
            (e.id.clone(), names)
        })
        .collect()
}

/// The id and file names of the event holding file `name`.
#[track_caller]
fn event_with(corpus: &framediff::corpus::Corpus, name: &str) -> (String, Vec<String>) {
    events_of(corpus)
        .into_iter()
        .find(|(_, names)| names.iter().any(|n| n == name))
        .unwrap_or_else(|| panic!("{name} in no event"))
}

/// One change of each kind, applied through the postings index and the event ids an update
/// keeps in memory (`Live::prepare` before every change, as the terminal UI does): a file that
/// could merge two events (a full regroup), an added file, a second event of the same
/// headline and day (its id numbered after the first's), the first one's removal (the second
/// keeps its id's base and is numbered again), and an edited file whose article leaves its
/// event. After each, the corpus is the bytes the CLI loads with its own
/// cache, and the events the change did not touch are as they were.
#[test]
fn each_kind_of_change_through_the_kept_index_gives_what_a_load_gives() {
    let (mut p, first) = Pair::new();
    // 60 more single-article events (102 articles: five changes before a full regroup)
    for k in 30..90 {
        p.s.write(
            &format!("s{k:02}-o4.md"),
            "outlet-4",
            &date(k),
            &format!("{} tower report", word(k, 0)),
            &story(k, 0),
        );
    }
    let (live, first_load) = Live::load(&p.s.corpus(), &live_options(&p.s), &|_| {});
    p.live = live.expect("still a folder");
    p.assert_cli(&first_load, "the load of 102 articles");
    p.assert_index(&first_load, "the load of 102 articles");
    p.last = first_load.clone();
    assert!(first.article_count() < first_load.article_count());
    let apply = |p: &mut Pair, names: &[&str]| {
        p.live.prepare();
        p.apply(names)
    };
    let headline = "Harbour storm closes the port";

    // a file telling events 0 and 1 (one day) could merge them: a full regroup
    let both = format!("{} {}", story(0, 0), story(1, 0));
    p.s.write("both.md", "outlet-9", &date(0), "Two bridges", &both);
    let merged = apply(&mut p, &["both.md"]);
    assert!(merged.incremental.is_empty(), "{:?}", merged.incremental);
    let first_load = merged;

    // added: a new event of its own
    p.s.write("t1-o5.md", "outlet-5", &date(95), headline, &story(95, 0));
    let one = apply(&mut p, &["t1-o5.md"]);
    let (base, names) = event_with(&one, "t1-o5.md");
    assert_eq!(names, ["t1-o5.md"]);
    untouched(&first_load, &one, "t1-o5.md");

    // another event of the same headline and day: numbered after the first
    p.s.write("t2-o6.md", "outlet-6", &date(95), headline, &story(96, 0));
    let two = apply(&mut p, &["t2-o6.md"]);
    assert_eq!(event_with(&two, "t2-o6.md").0, format!("{base}-2"));
    assert_eq!(event_with(&two, "t1-o5.md").0, base);
    untouched(&one, &two, "t2-o6.md");

    // the first removed: the second, untouched, takes the base alone
    p.s.remove("t1-o5.md");
    let three = apply(&mut p, &["t1-o5.md"]);
    assert_eq!(event_with(&three, "t2-o6.md").0, base);
    assert!(
        three
            .incremental
            .iter()
            .any(|n| n.contains("(0 added, 1 removed"))
    );

    // an edited file whose article leaves event 9 (three outlets) for another story: event 9
    // keeps two, the article is placed as the update decides (the CLI's load decides alike)
    let moved = "e09-o2.md";
    assert_eq!(event_with(&three, moved).1.len(), 3);
    p.s.write(moved, "outlet-2", &date(8), "A moved report", &story(8, 3));
    let four = apply(&mut p, &[moved]);
    assert!(
        !event_with(&four, moved)
            .1
            .contains(&"e09-o0.md".to_string())
    );
    assert_eq!(event_with(&four, "e09-o0.md").1, ["e09-o0.md", "e09-o1.md"]);
    assert!(
        four.incremental
            .iter()
            .any(|n| n.contains("(1 added, 1 removed"))
    );

    // one more change since the full run: 6 of 103, a full regroup again
    p.s.remove("t2-o6.md");
    let five = apply(&mut p, &["t2-o6.md"]);
    assert!(five.incremental.is_empty(), "{:?}", five.incremental);
}

/// Waits up to 10 s for an action of the watcher that `wanted` accepts (other actions are
/// passed over).
async fn wait_for(
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<framediff::app::Action>,
    wanted: impl Fn(&framediff::app::Action) -> bool,
) -> bool {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(a)) if wanted(&a) => return true,
            Ok(Some(_)) => {}
            _ => return false,
        }
    }
}

/// Tester report 15, item 10: `rm -rf corpus && regenerate` killed the watch for the rest
/// of the session. The watcher says the folder is gone, then watches it again once it is
/// back, reports it changed as a whole, and follows edits in it after that.
#[test]
fn a_corpus_folder_removed_and_written_again_is_followed_again() {
    use framediff::app::{Action, Effect, ROOT_GONE};
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let base = tempfile::tempdir().expect("tempdir");
        let root = base.path().join("corpus");
        std::fs::create_dir_all(root.join("ev")).expect("mkdir");
        touch(&root.join("ev/a.md"), "one");
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let runner = framediff::tui::Runner::new(tx);
        runner.run(Effect::Watch(root.clone()));
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        std::fs::remove_dir_all(&root).expect("rm -rf");
        let gone = |a: &Action| matches!(a, Action::WatchFailed(e) if e == ROOT_GONE);
        assert!(wait_for(&mut rx, gone).await, "the removal is reported");
        std::fs::create_dir_all(root.join("ev")).expect("mkdir again");
        touch(&root.join("ev/a.md"), "two");
        let back = |a: &Action| matches!(a, Action::FilesChanged(p) if p.contains(&root));
        assert!(wait_for(&mut rx, back).await, "the folder is reported back");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let later = root.join("ev/b.md");
        touch(&later, "three");
        let edit = |a: &Action| matches!(a, Action::FilesChanged(p) if p.contains(&later));
        assert!(
            wait_for(&mut rx, edit).await,
            "an edit after it is followed"
        );
    });
}

/// Tester report 22, finding 10: the corpus named by a relative path (`framediff r22copy`),
/// removed and copied again at once (`shutil.rmtree` + `copytree`): the watcher reports
/// absolute paths, so the folder's own removal went unseen and edits after the copy were
/// never followed. The removal is seen, the new folder watched, and an edit in it followed.
#[test]
fn a_corpus_named_relatively_and_replaced_at_once_is_followed_again() {
    use framediff::app::{Action, Effect, ROOT_GONE};
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let cwd = std::env::current_dir().expect("cwd");
        let base = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("tempdir");
        let Ok(rel) = base.path().strip_prefix(&cwd) else {
            eprintln!("skipped: the target folder is not under the working folder");
            return;
        };
        let root = rel.join("corpus");
        assert!(root.is_relative());
        let fresh = base.path().join("fresh");
        for dir in [&root, &fresh] {
            std::fs::create_dir_all(dir.join("ev")).expect("mkdir");
            touch(&dir.join("ev/a.md"), "one");
        }
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let runner = framediff::tui::Runner::new(tx);
        runner.run(Effect::Watch(root.clone()));
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        // removed and written again with nothing between (a copy of another folder)
        std::fs::remove_dir_all(&root).expect("rm -rf");
        std::fs::create_dir_all(root.join("ev")).expect("mkdir again");
        std::fs::copy(fresh.join("ev/a.md"), root.join("ev/a.md")).expect("copy");
        let gone = |a: &Action| matches!(a, Action::WatchFailed(e) if e == ROOT_GONE);
        assert!(wait_for(&mut rx, gone).await, "the replacement is seen");
        let back = |a: &Action| matches!(a, Action::FilesChanged(p) if p.contains(&root));
        assert!(wait_for(&mut rx, back).await, "the folder is reported back");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let later = root.join("ev/a.md");
        std::fs::write(&later, "one\nBlue dolphins were seen.\n").expect("append");
        let edit = |a: &Action| {
            matches!(a, Action::FilesChanged(p) if p.iter().any(|p| p.ends_with("corpus/ev/a.md")))
        };
        assert!(
            wait_for(&mut rx, edit).await,
            "an edit after it is followed"
        );
    });
}

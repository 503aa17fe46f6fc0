//! Words, numbers and their Snowball stems.
//!
//! Everything downstream (lexicons, similarity, contrast) works on stems, so that "rejects",
//! "rejected" and "rejecting" are one term, in English and in Russian.

use std::sync::{Arc, LazyLock, RwLock};

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use super::fasthash::{FastMap, hash_str};
use super::text::{Lang, fold_word_into};

/// Entries kept before the stem cache is cleared.
const STEM_CACHE_LIMIT: usize = 100_000;

/// A folded word's stem, with the hashes of the word and the stem ([`hash_str`]).
#[derive(Clone)]
struct Stemmed {
    stem: Arc<str>,
    lower_hash: u64,
    stem_hash: u64,
}

/// Folded word -> (the same word, shared by every token of it; its stem).
type StemMap = FastMap<Arc<str>, Stemmed>;

/// Stems already computed, per language: news text repeats its words, and Snowball is the
/// costliest step of tokenising. Shared by all threads, so the threads that analyse an event's
/// articles side by side start warm. The keys are the folded words themselves, handed out to
/// tokens, so a repeated word costs no allocation.
static STEMS: LazyLock<RwLock<[StemMap; 2]>> =
    LazyLock::new(|| RwLock::new([FastMap::default(), FastMap::default()]));

/// The shared copy of an already folded, lower-case word and its Snowball stem (irregular
/// English forms mapped to their base first), memoised.
fn cached_word(st: &Stemmer, lang: Lang, word: &str) -> (Arc<str>, Stemmed) {
    let slot = match lang {
        Lang::En => 0,
        Lang::Ru => 1,
    };
    // a poisoned lock only means another thread panicked mid-insert; the map is still valid
    if let Some((w, s)) = STEMS
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(slot)
        .and_then(|m| m.get_key_value(word))
    {
        return (w.clone(), s.clone());
    }
    let base = match lang {
        Lang::En => IRREGULAR_EN.get(word).copied().unwrap_or(word),
        Lang::Ru => word,
    };
    let stem = st.stem(base);
    let stemmed = Stemmed {
        lower_hash: hash_str(word),
        stem_hash: hash_str(&stem),
        stem: Arc::from(stem.as_ref()),
    };
    let word: Arc<str> = Arc::from(word);
    let mut maps = STEMS.write().unwrap_or_else(|e| e.into_inner());
    let map = &mut maps[slot];
    if map.len() >= STEM_CACHE_LIMIT {
        map.clear();
    }
    map.insert(word.clone(), stemmed.clone());
    (word, stemmed)
}

/// The split-off negation "n't" and its stem, shared by every token of it.
static NOT: LazyLock<(Arc<str>, Stemmed)> = LazyLock::new(|| {
    let stemmed = Stemmed {
        stem: Arc::from("not"),
        lower_hash: hash_str("n't"),
        stem_hash: hash_str("not"),
    };
    (Arc::from("n't"), stemmed)
});

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
}

/// One word or number with its byte range in the text it was cut from.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Lower-cased, typographically folded surface form ("n't" for a split-off negation);
    /// shared with the stem cache, so tokens of a repeated word do not copy it.
    pub lower: Arc<str>,
    /// Snowball stem of `lower` (numbers are kept as written, without separators); shared
    /// with the stem cache, so tokens of a repeated word do not copy it.
    pub stem: Arc<str>,
    /// [`hash_str`] of `lower`, computed once per distinct word (the paraphrase model's
    /// surface hashes it, `surface::Surface::new`).
    pub lower_hash: u64,
    /// [`hash_str`] of `stem`, computed once per distinct word.
    pub stem_hash: u64,
    pub kind: TokenKind,
    /// Starts with an upper-case letter in the original text.
    pub capitalised: bool,
    /// Two or more letters, all upper-case ("NATO", "KHL"): an acronym.
    pub all_caps: bool,
}

/// The base form of an irregular English verb form ("sold" -> "sell"), `None` for any other
/// word (`assets/lexicons/irregular-en.txt`).
pub(crate) fn irregular_base(word: &str) -> Option<&'static str> {
    IRREGULAR_EN.get(word).copied()
}

/// Irregular English forms -> base form ("sold" -> "sell"), which Snowball cannot relate.
static IRREGULAR_EN: LazyLock<FastMap<&'static str, &'static str>> = LazyLock::new(|| {
    include_str!("../../assets/lexicons/irregular-en.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.trim(), b.trim()))
        .collect()
});

/// Creates the Snowball stemmer for a language.
pub fn stemmer(lang: Lang) -> Stemmer {
    Stemmer::create(match lang {
        Lang::En => Algorithm::English,
        Lang::Ru => Algorithm::Russian,
    })
}

/// Splits `text` into word and number tokens (Unicode word boundaries), splitting English
/// contractions ("don't" -> "do" + "n't") and dropping possessive "'s".
pub fn tokenize(text: &str, lang: Lang) -> Vec<Token> {
    let st = stemmer(lang);
    tokenize_with(text, lang, &st)
}

/// [`tokenize`] with a stemmer the caller already has.
pub fn tokenize_with(text: &str, lang: Lang, st: &Stemmer) -> Vec<Token> {
    // about one token per six bytes of news text: most claims never grow the vector
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    // each word is folded into this one buffer; the token gets the stem cache's copy
    let mut folded = String::new();
    for (start, word) in text.unicode_word_indices() {
        let end = start + word.len();
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let all_caps = capitalised
            && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && word
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        fold_word_into(word, &mut folded);
        let lower = folded.as_str();
        if lower.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            let value: String = lower.chars().filter(|&c| c != ',' && c != ' ').collect();
            out.push(Token {
                start,
                end,
                stem: Arc::from(value.as_str()),
                lower: Arc::from(lower),
                lower_hash: hash_str(lower),
                stem_hash: hash_str(&value),
                kind: TokenKind::Number,
                capitalised: false,
                all_caps: false,
            });
            continue;
        }
        // contractions and possessives (ASCII apostrophe after folding)
        // a byte loop: `rfind` goes through `memrchr`, whose set-up costs more than
        // scanning a word
        if lang == Lang::En
            && let Some(pos) = lower.bytes().rposition(|b| b == b'\'')
        {
            let (head, tail) = lower.split_at(pos);
            let tail = &tail[1..];
            if tail == "t" && head.ends_with('n') && head.len() > 1 {
                let base = &head[..head.len() - 1];
                let base = match base {
                    "ca" => "can",
                    "wo" => "will",
                    "sha" => "shall",
                    b => b,
                };
                let split = start + (head.len() - 1);
                push_word(
                    &mut out,
                    (start, split),
                    base,
                    (st, lang),
                    (capitalised, all_caps),
                );
                let (not_lower, not) = &*NOT;
                out.push(Token {
                    start: split,
                    end,
                    lower: not_lower.clone(),
                    stem: not.stem.clone(),
                    lower_hash: not.lower_hash,
                    stem_hash: not.stem_hash,
                    kind: TokenKind::Word,
                    capitalised: false,
                    all_caps: false,
                });
                continue;
            }
            if tail == "s" || tail.is_empty() {
                push_word(
                    &mut out,
                    (start, start + head.len()),
                    head,
                    (st, lang),
                    (capitalised, all_caps),
                );
                continue;
            }
        }
        push_word(
            &mut out,
            (start, end),
            lower,
            (st, lang),
            (capitalised, all_caps),
        );
    }
    out
}

fn push_word(
    out: &mut Vec<Token>,
    (start, end): (usize, usize),
    lower: &str,
    (st, lang): (&Stemmer, Lang),
    (capitalised, all_caps): (bool, bool),
) {
    if lower.is_empty() {
        return;
    }
    let (lower, stemmed) = cached_word(st, lang, lower);
    out.push(Token {
        start,
        end,
        lower,
        stem: stemmed.stem,
        lower_hash: stemmed.lower_hash,
        stem_hash: stemmed.stem_hash,
        kind: TokenKind::Word,
        capitalised,
        all_caps,
    });
}

/// Stems of a lexicon phrase, in the given language.
pub fn phrase_stems(phrase: &str, lang: Lang) -> Vec<String> {
    tokenize(phrase, lang)
        .into_iter()
        .map(|t| t.stem.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_contractions_and_possessives() {
        let t = tokenize("Putin's aides don't agree; it cost $1,500.", Lang::En);
        let stems: Vec<&str> = t.iter().map(|t| &*t.stem).collect();
        assert_eq!(
            stems,
            vec!["putin", "aid", "do", "not", "agre", "it", "cost", "1500"]
        );
        assert!(t[0].capitalised);
        assert_eq!(t[6].kind, TokenKind::Word);
        assert_eq!(t[7].kind, TokenKind::Number);
    }

    #[test]
    fn tokens_carry_the_hashes_of_their_word_and_stem() {
        // twice, so that the second pass reads the stem cache
        for _ in 0..2 {
            for t in tokenize(
                "Putin's aides don't agree; it cost $1,500. Путина",
                Lang::En,
            ) {
                assert_eq!(t.lower_hash, hash_str(&t.lower), "{}", t.lower);
                assert_eq!(t.stem_hash, hash_str(&t.stem), "{}", t.stem);
            }
        }
    }

    #[test]
    fn stems_russian() {
        let t = tokenize("Путина отвергли перемирие", Lang::Ru);
        assert_eq!(&*t[0].stem, "путин");
        assert!(t[0].capitalised);
    }
}

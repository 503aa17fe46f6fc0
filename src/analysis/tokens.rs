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
    let mut word_at = |out: &mut Vec<Token>, start: usize, word: &str| {
        push_segment(out, &mut folded, (start, word), (st, lang))
    };
    // the words as `unicode_word_indices` finds them, without its tables where every
    // character is one `word_class` knows; else (a character it does not know met on the
    // way) the words found so far are dropped and the text is read again with them
    if !each_plain_word(text, |start, word| word_at(&mut out, start, word)) {
        out.clear();
        for (start, word) in text.unicode_word_indices() {
            word_at(&mut out, start, word);
        }
    }
    out
}

/// The Unicode word-break class (UAX #29) of a character of news text, for the characters
/// [`each_plain_word`] reads itself: ASCII, the Latin-1 and Latin Extended-A letters, the
/// basic Cyrillic letters, the typographic single quotes (which join words as "." does),
/// and a few signs that never join anything (dashes, double quotes, guillemets, the
/// ellipsis, the no-break space, currency and degree signs). `None` for any other
/// character: the segmentation crate decides those.
fn word_class(c: char) -> Option<WordClass> {
    use WordClass::*;
    Some(match c {
        'a'..='z' | 'A'..='Z' => Letter,
        '0'..='9' => Digit,
        '_' => Joiner,
        ':' => MidLetter,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => MidNumLet,
        ',' | ';' => MidNum,
        '\0'..='\u{7F}' => Other,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{17F}' => Letter,
        '\u{400}'..='\u{45F}' => Letter,
        '\u{A0}'
        | '\u{A2}'..='\u{A3}'
        | '\u{A5}'
        | '\u{A7}'
        | '\u{A9}'
        | '\u{AB}'
        | '\u{AE}'
        | '\u{B0}'
        | '\u{BB}'
        | '\u{D7}'
        | '\u{F7}'
        | '\u{2013}'..='\u{2014}'
        | '\u{201C}'..='\u{201D}'
        | '\u{2022}'
        | '\u{2026}'
        | '\u{20AC}' => Other,
        _ => return None,
    })
}

/// Word-break classes (UAX #29) of the characters [`word_class`] knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordClass {
    /// ALetter.
    Letter,
    /// Numeric.
    Digit,
    /// ExtendNumLet ("_"): joins letters and digits on both sides.
    Joiner,
    /// MidLetter (":"): joins two letters.
    MidLetter,
    /// MidNumLet and Single_Quote (".", "'", "’", "‘"): joins two letters or two digits.
    MidNumLet,
    /// MidNum (",", ";"): joins two digits.
    MidNum,
    /// Anything else: a boundary on both sides.
    Other,
}

impl WordClass {
    fn is_core(self) -> bool {
        matches!(
            self,
            WordClass::Letter | WordClass::Digit | WordClass::Joiner
        )
    }

    /// Whether `self`, between `prev` and `next`, joins them into one word (WB6/WB7,
    /// WB11/WB12).
    fn joins(self, prev: WordClass, next: WordClass) -> bool {
        use WordClass::*;
        match self {
            MidLetter => prev == Letter && next == Letter,
            MidNumLet => (prev == Letter && next == Letter) || (prev == Digit && next == Digit),
            MidNum => prev == Digit && next == Digit,
            _ => false,
        }
    }
}

/// Calls `f(start, word)` for each word of `text` that `unicode_word_indices` yields (the
/// segments of UAX #29 word boundaries holding a letter or a digit), in order, as long as
/// every character is one [`word_class`] knows; returns false at the first it does not know
/// (having called `f` for the words before it).
fn each_plain_word(text: &str, mut f: impl FnMut(usize, &str)) -> bool {
    // the word being read: its start, whether it holds a letter or digit, its last class
    let mut run: Option<(usize, bool)> = None;
    let mut prev = WordClass::Other;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let Some(class) = word_class(c) else {
            return false;
        };
        if class.is_core() {
            let alnum = class != WordClass::Joiner;
            match &mut run {
                Some((_, any)) => *any |= alnum,
                None => run = Some((i, alnum)),
            }
            prev = class;
            continue;
        }
        if let Some((start, any)) = run {
            let next = match chars.peek() {
                Some(&(_, n)) => match word_class(n) {
                    Some(n) => n,
                    None => return false,
                },
                None => WordClass::Other,
            };
            if class.joins(prev, next) {
                prev = class;
                continue;
            }
            if any {
                f(start, &text[start..i]);
            }
            run = None;
        }
        prev = class;
    }
    if let Some((start, true)) = run {
        f(start, &text[start..]);
    }
    true
}

/// Adds the token(s) of one word of a text at byte `start` (splitting English contractions,
/// dropping a possessive "'s"); `folded` is a buffer for its folded form.
fn push_segment(
    out: &mut Vec<Token>,
    folded: &mut String,
    (start, word): (usize, &str),
    (st, lang): (&Stemmer, Lang),
) {
    let end = start + word.len();
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    let all_caps = capitalised
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    fold_word_into(word, folded);
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
        return;
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
                out,
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
            return;
        }
        if tail == "s" || tail.is_empty() {
            push_word(
                out,
                (start, start + head.len()),
                head,
                (st, lang),
                (capitalised, all_caps),
            );
            return;
        }
    }
    push_word(
        out,
        (start, end),
        lower,
        (st, lang),
        (capitalised, all_caps),
    );
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

    /// The words `unicode_word_indices` finds, as `each_plain_word` reports them; `None`
    /// when it meets a character it leaves to the crate.
    fn plain_words(text: &str) -> Option<Vec<(usize, String)>> {
        let mut words = Vec::new();
        each_plain_word(text, |i, w| words.push((i, w.to_string()))).then_some(words)
    }

    fn crate_words(text: &str) -> Vec<(usize, String)> {
        text.unicode_word_indices()
            .map(|(i, w)| (i, w.to_string()))
            .collect()
    }

    #[test]
    fn each_character_word_class_knows_splits_as_the_segmentation_crate_does() {
        let known: Vec<char> = (0..0x2200u32)
            .chain([0x20AC])
            .filter_map(char::from_u32)
            .filter(|&c| word_class(c).is_some())
            .collect();
        // the Latin, Cyrillic, quote and sign characters of news text, and all ASCII
        assert!(known.len() > 400, "{}", known.len());
        for c in known {
            for text in [
                format!("a{c}b"),
                format!("1{c}2"),
                format!("{c}"),
                format!("a{c}"),
                format!("{c}a"),
                format!("1{c}"),
                format!("a1{c}b2 x"),
                format!("_{c}_"),
                format!("{c}{c}ab{c}{c}"),
                format!("Ж{c}я 3{c}4"),
            ] {
                assert_eq!(plain_words(&text), Some(crate_words(&text)), "{text:?}");
            }
        }
    }

    #[test]
    fn mixed_text_splits_as_the_segmentation_crate_does() {
        // every sequence of up to four of these characters, and pseudo-random longer ones
        let alphabet: Vec<char> = "aZé1_:.',; -\u{2019}\u{2018}\u{201C}Ж\u{2014}\u{A0}\n\r\t$"
            .chars()
            .collect();
        let n = alphabet.len();
        for len in 1..=4u32 {
            for mut k in 0..n.pow(len) {
                let mut text = String::new();
                for _ in 0..len {
                    text.push(alphabet[k % n]);
                    k /= n;
                }
                assert_eq!(plain_words(&text), Some(crate_words(&text)), "{text:?}");
            }
        }
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 24) as usize;
            let text: String = (0..len)
                .map(|k| alphabet[((state >> (k % 8 * 8)) as usize + k * 7) % n])
                .collect();
            assert_eq!(plain_words(&text), Some(crate_words(&text)), "{text:?}");
        }
    }

    #[test]
    fn a_character_word_class_does_not_know_leaves_the_text_to_the_crate() {
        // a combining accent, a soft hyphen, a Greek letter, an emoji
        for text in [
            "cafe\u{301} now",
            "co\u{AD}operate",
            "\u{3B1}lpha",
            "ok \u{1F600}",
        ] {
            assert_eq!(plain_words(text), None, "{text:?}");
            let stems: Vec<(usize, usize)> = tokenize(text, Lang::En)
                .iter()
                .map(|t| (t.start, t.end))
                .collect();
            let want: Vec<(usize, usize)> = crate_words(text)
                .iter()
                .map(|(i, w)| (*i, i + w.len()))
                .collect();
            assert_eq!(stems, want, "{text:?}");
        }
        // a known character before an unknown one: nothing found so far is kept twice
        let t = tokenize("Putin met \u{3B1}lpha", Lang::En);
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn stems_russian() {
        let t = tokenize("Путина отвергли перемирие", Lang::Ru);
        assert_eq!(&*t[0].stem, "путин");
        assert!(t[0].capitalised);
    }
}

//! Text normalisation and language guessing.
//!
//! Article text arrives with curly quotes, non-breaking spaces and mixed Unicode forms. The
//! analysis compares words across outlets, so those variants are folded here, once, in a way that
//! keeps byte offsets usable: [`fold_char`] maps one char to one char, so a folded string can be
//! produced token by token without losing positions in the original text.

use unicode_normalization::UnicodeNormalization;

/// The languages the analysis has stemmers and lexicons for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Ru,
}

impl Lang {
    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// Parses an ISO 639-1 code or a language name; unknown languages give `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" | "en-us" | "en-gb" => Some(Lang::En),
            "ru" | "rus" | "russian" | "ru-ru" => Some(Lang::Ru),
            _ => None,
        }
    }
}

/// Guesses English or Russian from the share of Cyrillic letters.
///
/// Only two languages are supported, and the scripts differ, so counting letters is both exact
/// enough and much cheaper than a statistical detector.
pub fn detect_language(text: &str) -> Lang {
    let mut cyr = 0usize;
    let mut lat = 0usize;
    for c in text.chars().take(4000) {
        if is_cyrillic(c) {
            cyr += 1;
        } else if c.is_ascii_alphabetic() {
            lat += 1;
        }
    }
    if cyr > lat { Lang::Ru } else { Lang::En }
}

/// True for letters of the Cyrillic block.
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// Folds typographic variants to one plain form, one char in, one char out:
/// curly quotes to straight ones, dashes to '-', 'ё' to 'е', non-breaking spaces to ' '.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' => ' ',
        'ё' => 'е',
        'Ё' => 'Е',
        _ => c,
    }
}

/// NFC-normalises and folds a whole string (used for text that is compared, never for offsets).
pub fn normalise(text: &str) -> String {
    text.nfc().map(fold_char).collect()
}

/// Lower-cases and folds one word for lexicon look-up.
pub fn fold_word(word: &str) -> String {
    let mut folded = String::new();
    fold_word_into(word, &mut folded);
    folded
}

/// [`fold_word`] into `out` (cleared first), so that a caller folding many words reuses one
/// buffer. Invisible format characters inside a word (soft hyphen, zero-width and bidi marks,
/// embeddings, isolates, the byte-order mark) are dropped: "wo\u{200E}rd" is "word".
pub fn fold_word_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        // ASCII is already NFC and has no typographic variants except the backtick (this
        // runs for every word of every claim)
        out.push_str(word);
        out.make_ascii_lowercase();
        // a byte loop: `contains` goes through `memchr`, whose set-up costs more than
        // scanning a word
        if out.bytes().any(|b| b == b'`') {
            *out = out.replace('`', "'");
        }
        return;
    }
    let visible = |c: &char| {
        !matches!(
            c,
            '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
        )
    };
    out.extend(
        word.nfc()
            .filter(visible)
            .map(fold_char)
            .flat_map(char::to_lowercase),
    );
}

/// True for an English day of the week in lower case ("monday").
pub fn is_weekday(word: &str) -> bool {
    matches!(
        word,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Calls `f(start, end)` with the byte range of every word of `s` as [`str::split_whitespace`]
/// splits it, in order. ASCII text (most claims) is read byte by byte, without decoding
/// chars: this runs for every sentence.
pub fn for_each_word(s: &str, mut f: impl FnMut(usize, usize)) {
    if !s.is_ascii() {
        for w in s.split_whitespace() {
            let start = w.as_ptr() as usize - s.as_ptr() as usize;
            f(start, start + w.len());
        }
        return;
    }
    // the ASCII chars `char::is_whitespace` holds for: TAB to CR, and the space
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let mut start = None;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        match (space(b), start) {
            (true, Some(a)) => {
                f(a, i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(a) = start {
        f(a, s.len());
    }
}

/// `s.split_whitespace().count()` ([`for_each_word`]). ASCII text is counted as the bytes
/// that are not white space and follow white space or open the text, one branch-free pass
/// (this runs for every sentence of every article, in `boilerplate::is_boilerplate`).
pub fn count_words(s: &str) -> usize {
    if !s.is_ascii() {
        return count_words_decoding(s);
    }
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let b = s.as_bytes();
    let first = b.first().is_some_and(|&c| !space(c));
    let later = b
        .iter()
        .zip(&b[1.min(b.len())..])
        .filter(|&(&x, &y)| space(x) & !space(y))
        .count();
    usize::from(first) + later
}

/// [`count_words`] of text with non-ASCII chars: the ASCII bytes are classed as they are, and
/// only a non-ASCII char is decoded to ask [`char::is_whitespace`] (news text has a few, the
/// typographic quotes and dashes, among its ASCII).
fn count_words_decoding(s: &str) -> usize {
    let b = s.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while i < b.len() {
        let (space, len) = if b[i].is_ascii() {
            (matches!(b[i], b'\t'..=b'\r' | b' '), 1)
        } else {
            // `i` is always at a char boundary: it moves by whole chars
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        n += usize::from(!space && !in_word);
        in_word = !space;
        i += len;
    }
    n
}

/// `w.chars().any(char::is_alphanumeric)`, without decoding an ASCII word.
pub fn has_alphanumeric(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_alphanumeric())
        || (!w.is_ascii() && w.chars().any(char::is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_whitespace() {
        for s in [
            "",
            "   ",
            "one",
            " Putin and\tTrump\r\nheld  a call. ",
            "a\x0bb\x0cc\x1cd",
            "Путин и\u{00A0}Трамп\u{2009}провели разговор ",
            "\u{201C}Yes,\u{201D} he said \u{2014} twice",
        ] {
            let mut spans = Vec::new();
            for_each_word(s, |a, b| spans.push(&s[a..b]));
            let expected: Vec<&str> = s.split_whitespace().collect();
            assert_eq!(spans, expected, "{s:?}");
            assert_eq!(count_words(s), expected.len());
        }
        // every ASCII string of up to 6 of these bytes (words, spaces, a non-space control)
        let alphabet = [b'a', b' ', b'\t', b'\n', 0x1c];
        let mut strings = vec![Vec::new()];
        for _ in 0..6 {
            let longer: Vec<Vec<u8>> = strings
                .iter()
                .flat_map(|s| alphabet.iter().map(move |&c| [s.as_slice(), &[c]].concat()))
                .collect();
            for s in &longer {
                let s = std::str::from_utf8(s).expect("ASCII");
                assert_eq!(count_words(s), s.split_whitespace().count(), "{s:?}");
            }
            strings = longer;
        }
        // every string of up to 5 of these chars: white space of one, two and three bytes
        // (NEL, no-break space, thin space, ideographic space) among letters of each width
        let chars = [
            'a', ' ', '\u{0085}', '\u{00A0}', '\u{2009}', '\u{3000}', 'Д', '\u{201C}',
        ];
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| chars.iter().map(move |&c| format!("{s}{c}")))
                .collect();
            for s in &longer {
                assert_eq!(count_words(s), s.split_whitespace().count(), "{s:?}");
            }
            strings = longer;
        }
        for w in ["abc", "--", "\u{201C}", "\u{201C}Да", "3", "\u{00B2}", ""] {
            assert_eq!(
                has_alphanumeric(w),
                w.chars().any(char::is_alphanumeric),
                "{w}"
            );
        }
    }

    #[test]
    fn detects_script() {
        assert_eq!(detect_language("Путин и Трамп провели разговор"), Lang::Ru);
        assert_eq!(detect_language("Putin and Trump held a call"), Lang::En);
    }

    #[test]
    fn folds_quotes_and_yo() {
        assert_eq!(normalise("“Ещё” — it’s"), "\"Еще\" - it's");
        assert_eq!(fold_word("Ёлка"), "елка");
        assert_eq!(fold_word("Don`T"), "don't");
    }
}

//! Sentence splitting for English and Russian news text.
//!
//! Rule-based, because the known crates either split after "Mr." or need nightly Rust, and news
//! prose has a small, well-known set of traps: titles and initials ("Mr.", "J."), dotted
//! abbreviations ("U.S.", "т.е."), numbers ("No. 2", "2.5"), quotes that close after the full
//! stop, ellipses, and headlines without a full stop. Blank lines always end a sentence; single
//! line breaks inside a paragraph are treated as wrapped text unless the line is a heading, a list
//! item, or ends with terminal punctuation.

use std::ops::Range;

/// Titles and abbreviations after which a full stop does not end a sentence.
const NON_TERMINAL: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "messrs",
    "dr",
    "prof",
    "sen",
    "sens",
    "rep",
    "reps",
    "gov",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "maj",
    "adm",
    "cmdr",
    "rev",
    "hon",
    "pres",
    "supt",
    "det",
    "insp",
    "const",
    "cst",
    "cpl",
    "cllr",
    "st",
    "mt",
    "ft",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "no",
    "nos",
    "vs",
    "v",
    "approx",
    "dept",
    "est",
    "fig",
    "vol",
    "art",
    "para",
    "ch",
    "sec",
    "corp",
    "inc",
    "ltd",
    "co",
    "bros",
    "ave",
    "blvd",
    "rd",
    "mass",
    "calif",
    "conn",
    "ariz",
    "ala",
    "ark",
    "colo",
    "fla",
    "ga",
    "ill",
    "ind",
    "kan",
    "ky",
    "la",
    "md",
    "mich",
    "minn",
    "miss",
    "mo",
    "mont",
    "neb",
    "nev",
    "okla",
    "ore",
    "pa",
    "tenn",
    "tex",
    "va",
    "vt",
    "wash",
    "wis",
    "wyo",
    "del",
    "r",
    "d",
    "i", // party labels "R." / "D." inside brackets
    // Russian
    "г",
    "гг",
    "им",
    "ул",
    "пр",
    "д",
    "т",
    "ст",
    "тыс",
    "млн",
    "млрд",
    "руб",
    "долл",
    "проф",
    "акад",
    "св",
    "см",
    "напр",
    "пос",
    "обл",
    "р",
    "ген",
    "гос",
    "зам",
    "канд",
    "лейт",
    "полк",
    "подполк",
    "кап",
    "капт",
    "серж",
    "мл",
    "адм",
    "чл",
    "корр",
    "зав",
    "пред",
    "гл",
    "ред",
];

/// The U.S. states' abbreviations among [`NON_TERMINAL`] (AP style: "Roanoke, Va.").
const STATES: &[&str] = &[
    "mass", "calif", "conn", "ariz", "ala", "ark", "colo", "fla", "ga", "ill", "ind", "kan", "ky",
    "la", "md", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn",
    "tex", "va", "vt", "wash", "wis", "wyo", "del",
];

/// True when a state's abbreviation at `w` closes a place ("… in Roanoke, Va.": a capitalised
/// word and a comma before it) and a sentence opens after it: a quotation mark, or a word
/// that typically opens one ([`STARTERS`]). "… Roanoke, Va. \"An emergency meeting …" was
/// one claim with the quotation before it (a new user's finding, session 21).
fn ends_place(chars: &[(usize, char)], w: usize, nc: char, next_word: &str) -> bool {
    let before: String = chars[..w].iter().rev().take(40).map(|&(_, c)| c).collect();
    let mut before = before.chars();
    let place_before = before.next() == Some(' ')
        && before.next() == Some(',')
        && before
            .take_while(|c| !c.is_whitespace())
            .last()
            .is_some_and(char::is_uppercase);
    place_before
        && (matches!(nc, '"' | '\u{201C}') || STARTERS.contains(&next_word.to_lowercase().as_str()))
}

/// Abbreviations that may also end a sentence ("… и т. д.", "… 100 руб."): a boundary when
/// the next word starts with a capital letter, never otherwise.
const MAY_END: &[&str] = &[
    "etc", "руб", "долл", "коп", "др", "пр", "тыс", "млн", "млрд", "трлн", "евро",
];

/// The second part of "т. д.", "т. п.", "т. к.": ends a sentence like [`MAY_END`] when it
/// follows "т.", and is an ordinary abbreviation ("д. 5", house number) otherwise.
const AFTER_T: &[&str] = &["д", "п"];

/// Capitalised words besides the weekdays and the time zones
/// ([`super::boilerplate::TIME_ZONES`]) that qualify a clock time rather than open a sentence
/// ("9 a.m. Eastern", "9 a.m. Monday", "5 p.m. GMT").
const CLOCK_QUALIFIERS: &[&str] = &[
    "eastern",
    "central",
    "pacific",
    "mountain",
    "local",
    "moscow",
    "today",
    "tomorrow",
    "yesterday",
];

/// Words that typically open a sentence; after an ambiguous abbreviation ("U.S.", "a.m.") they
/// tip the decision towards a boundary.
const STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "in",
    "on",
    "at",
    "for",
    "if",
    "as",
    "after",
    "before",
    "when",
    "while",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "some",
    "many",
    "most",
    "meanwhile",
    "however",
    "still",
    "yet",
    "so",
    "then",
    "now",
    "both",
    "one",
    "no",
    "not",
    "what",
    "why",
    "how",
    "who",
    "мы",
    "он",
    "она",
    "они",
    "это",
    "но",
    "и",
    "в",
    "на",
    "при",
    "по",
    "как",
    "что",
    "однако",
];

/// A sentence as a reader sees it: every run of whitespace (the spaces that stand in for
/// blanked Markdown markup, a wrapped line's break) shown as one space. Offsets always refer
/// to the unnormalised text; this is for display and export only.
///
/// Spaces left by a blanked closing marker before punctuation ("**Tuesday**." is
/// "  Tuesday  ." in the body) and after an opening bracket are dropped as well, so the text
/// reads as the rendered Markdown would.
pub fn display_text(s: &str) -> std::borrow::Cow<'_, str> {
    if !needs_display_fix(s.as_bytes()) {
        return s.into();
    }
    // ASCII whitespace only: a no-break space inside "1 500" stays what it is
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() && !is_tight_after(c) && !out.ends_with(is_tight_before) {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out.into()
}

/// The text of a claim cut from `art.body[range]`: as a reader sees it for file-verbatim
/// bodies (Markdown and text, where blanked inline markup leaves spaces; see
/// `corpus::markdown`), the body's own text otherwise. Claim features (cue offsets included)
/// are computed on this text; the claim's offsets stay those of `range` in the file.
pub fn claim_text(art: &crate::corpus::Article, range: Range<usize>) -> std::borrow::Cow<'_, str> {
    let raw = art.body.as_str().get(range).unwrap_or("");
    match art.origin {
        crate::corpus::TextOrigin::Verbatim { .. } => display_text(raw),
        _ => raw.into(),
    }
}

/// Whether [`display_text`] changes `b`: a line break or tab, a space before a space or
/// before [`is_tight_after`] punctuation, or after an [`is_tight_before`] bracket. Bytes are
/// read as chars (0xAB and 0xBB as '«' and '»', as the continuation bytes of those
/// marks are), one pass with a class table: this runs for every claim.
fn needs_display_fix(b: &[u8]) -> bool {
    let mut prev = 0u8;
    for &c in b {
        let class = DISPLAY_CLASS[usize::from(c)];
        if class & BREAK != 0
            || (prev & SPACE != 0 && class & (SPACE | TIGHT_AFTER) != 0)
            || (prev & TIGHT_BEFORE != 0 && class & SPACE != 0)
        {
            return true;
        }
        prev = class;
    }
    false
}

/// Byte classes of [`needs_display_fix`].
const SPACE: u8 = 1;
const TIGHT_AFTER: u8 = 2;
const TIGHT_BEFORE: u8 = 4;
const BREAK: u8 = 8;

/// [`needs_display_fix`]'s class of every byte value.
const DISPLAY_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        let mut class = 0;
        if c == b' ' {
            class |= SPACE;
        }
        if matches!(c, b'\n' | b'\r' | b'\t') {
            class |= BREAK;
        }
        if matches!(
            c,
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b']' | 0xBB
        ) {
            class |= TIGHT_AFTER;
        }
        if matches!(c, b'(' | b'[' | 0xAB) {
            class |= TIGHT_BEFORE;
        }
        t[i] = class;
        i += 1;
    }
    t
};

/// Punctuation that follows a word without a space.
fn is_tight_after(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\u{00BB}' | '\u{201D}'
    )
}

/// Brackets and quotes that open without a space after them.
fn is_tight_before(c: char) -> bool {
    matches!(c, '(' | '[' | '\u{00AB}' | '\u{201C}')
}

/// Splits `text` into sentences, returned as trimmed byte ranges of `text`.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for block in blocks(text) {
        split_block(text, block, &mut out);
    }
    out
}

/// Paragraph blocks and hard line boundaries: byte ranges that no sentence may cross.
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push(start..i);
            start = i + 1;
        }
    }
    lines.push(start..text.len());

    let mut out = Vec::new();
    let mut cur: Option<Range<usize>> = None;
    for line in lines {
        let s = &text[line.clone()];
        let t = s.trim();
        if t.is_empty() {
            if let Some(c) = cur.take() {
                out.push(c);
            }
            continue;
        }
        let hard_start = is_line_item(t);
        if let Some(c) = cur.as_mut() {
            let prev = text[c.clone()].trim_end();
            let prev_last_line = prev.rsplit('\n').next().unwrap_or(prev).trim_start();
            let prev_hard = prev_last_line.starts_with('#') || ends_terminal(prev);
            if hard_start || prev_hard {
                let done = c.clone();
                out.push(done);
                cur = Some(line);
            } else {
                c.end = line.end;
            }
        } else {
            cur = Some(line);
        }
    }
    if let Some(c) = cur {
        out.push(c);
    }
    out
}

/// A Markdown heading, list item or quote line: always starts a new sentence.
fn is_line_item(t: &str) -> bool {
    t.starts_with('#')
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("+ ")
        || t.starts_with('>')
        || t.starts_with('|')
}

fn ends_terminal(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| is_closer(c) || c.is_whitespace());
    t.ends_with(['.', '!', '?', '…', ':']) || t.ends_with(is_cjk_terminal)
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201D}'
            | '\u{2019}'
            | '\u{00BB}'
            | ')'
            | ']'
            | '\u{201C}'
            // CJK corner brackets, full-width parenthesis, double angle bracket
            | '\u{300D}'
            | '\u{300F}'
            | '\u{FF09}'
            | '\u{300B}'
    )
}

/// The full-width stops of Chinese and Japanese: ideographic full stop "。" (U+3002), its
/// half-width form "｡" (U+FF61), full-width "！" (U+FF01) and "？" (U+FF1F). They end a
/// sentence with no space after them, as the scripts put none.
fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '\u{3002}' | '\u{FF61}' | '\u{FF01}' | '\u{FF1F}')
}

fn is_dash(c: char) -> bool {
    matches!(c, '\u{2014}' | '\u{2013}' | '-')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…') || is_cjk_terminal(c)
}

/// Verbs that follow a quoted question or exclamation inside the same sentence
/// ("Is it over?" Walsh asked.).
const SPEECH: &[&str] = &[
    "said",
    "asked",
    "replied",
    "continued",
    "added",
    "wrote",
    "told",
    "shouted",
    "recalled",
    "responded",
    "says",
    "asks",
    "wondered",
    "yelled",
    "insisted",
    "declared",
    "explained",
    "спросил",
    "сказал",
    "заявил",
    "добавил",
    "ответил",
];

/// Splits one block at sentence-final punctuation.
fn split_block(text: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    if one_ascii_sentence(text[block.clone()].as_bytes()) {
        // what the reading below makes of it, without reading it char by char
        push_trimmed(text, block, out);
        return;
    }
    split_block_by_chars(text, block, out);
}

/// True for an ASCII block that [`split_block_by_chars`] leaves whole: no sentence-final
/// punctuation, or only in a run that only closing quotes or brackets and whitespace follow
/// to the end (one sentence, its stop at the end; most blocks of news text).
fn one_ascii_sentence(b: &[u8]) -> bool {
    if !b.is_ascii() {
        return false;
    }
    let Some(first) = b.iter().position(|&c| is_terminal(char::from(c))) else {
        return true;
    };
    let mut rest = b[first..].iter().map(|&c| char::from(c)).peekable();
    while rest.next_if(|&c| is_terminal(c)).is_some() {}
    while rest.next_if(|&c| is_closer(c)).is_some() {}
    rest.all(char::is_whitespace)
}

/// [`split_block`], char by char.
fn split_block_by_chars(text: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    // room for every char at once (a char is at least a byte): `collect` starts from a
    // quarter of the bytes and grows
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(block.len());
    let b = &text[block.clone()];
    if b.is_ascii() {
        // one char per byte: an exact-size copy instead of decoding
        chars.extend(
            b.bytes()
                .enumerate()
                .map(|(i, c)| (i + block.start, char::from(c))),
        );
    } else {
        chars.extend(b.char_indices().map(|(i, c)| (i + block.start, c)));
    }
    let mut sent_start = block.start;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // the run of terminal punctuation, then closing quotes and brackets
        let run_start = i;
        let mut j = i;
        while j < chars.len() && is_terminal(chars[j].1) {
            j += 1;
        }
        let run_end = j;
        while j < chars.len() && is_closer(chars[j].1) {
            j += 1;
        }
        let end_byte = if j < chars.len() {
            chars[j].0
        } else {
            block.end
        };
        // "。", "！", "？" end a sentence with or without a space after them (CJK text has
        // none); they are never an abbreviation's dot
        if chars[run_start..run_end]
            .iter()
            .any(|&(_, c)| is_cjk_terminal(c))
        {
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            if k >= chars.len() {
                break;
            }
            push_trimmed(text, sent_start..end_byte, out);
            sent_start = chars[k].0;
            i = k;
            continue;
        }
        // must be followed by whitespace or the end of the block
        if j < chars.len() && !chars[j].1.is_whitespace() {
            i = j.max(i + 1);
            continue;
        }
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        if k >= chars.len() {
            break; // the block's end closes the sentence anyway
        }
        // «Мы не будем торопиться!» — заявил Песков. / "Stop!" - he said.: a dash after the
        // closing quote (or after "!"/"?" in dialogue) followed by a lower-case word is the
        // speaker's part of the same sentence
        if is_dash(chars[k].1)
            && (j > run_end
                || chars[run_start..run_end]
                    .iter()
                    .any(|&(_, c)| c == '?' || c == '!'))
            && chars[k + 1..]
                .iter()
                .find(|(_, c)| !c.is_whitespace())
                .is_some_and(|(_, c)| c.is_lowercase())
        {
            i = k;
            continue;
        }
        // "Is it over?" Walsh asked.
        let closed_quote = j > run_end;
        if closed_quote
            && chars[run_start..run_end]
                .iter()
                .any(|&(_, c)| c == '?' || c == '!')
            && chars[k].1.is_alphabetic()
            && speech_follows(&chars, k)
        {
            i = k;
            continue;
        }
        if is_boundary(&chars, run_start, run_end, k) {
            push_trimmed(text, sent_start..end_byte, out);
            sent_start = chars[k].0;
        }
        i = k;
    }
    push_trimmed(text, sent_start..block.end, out);
}

/// Decides whether the punctuation run `chars[run_start..run_end]` ends a sentence, given that
/// the next sentence would start at `chars[next]`.
fn is_boundary(chars: &[(usize, char)], run_start: usize, run_end: usize, next: usize) -> bool {
    let nc = chars[next].1;
    if nc.is_lowercase() || matches!(nc, ',' | ';' | ':' | '%' | '(') {
        return false;
    }
    let single_dot = run_end - run_start == 1 && chars[run_start].1 == '.';
    // "A magnitude 6. 0 quake": no sentence starts with a digit right after "digit. "
    let digit_before = run_start > 0 && chars[run_start - 1].1.is_ascii_digit();
    if single_dot && digit_before && nc.is_ascii_digit() {
        return false;
    }
    if !single_dot {
        // "?!", "...", "…": a boundary unless the text continues in lower case (checked above)
        return true;
    }
    // the word before the dot
    let mut w = run_start;
    while w > 0 && !chars[w - 1].1.is_whitespace() && !matches!(chars[w - 1].1, '(' | '[' | '"') {
        w -= 1;
    }
    let word: String = chars[w..run_start].iter().map(|&(_, c)| c).collect();
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    // a compound abbreviation: "ген.-лейт.", "вице-адм."
    if word.contains(".-") {
        return false;
    }
    // "post-Sept." is judged by its last part
    let word = word.rsplit('-').next().unwrap_or(word);
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let first = letters.next();
    let one_letter = first.is_some() && letters.next().is_none() && word.chars().count() == 1;
    if one_letter && first.is_some_and(char::is_uppercase) {
        // an initial: "Donald J. Trump", "В. Путин"
        return false;
    }
    let next_word = next_word(chars, next);
    if lower == "no" || lower == "nos" {
        // "No. 2" but "said no. Then"
        return !nc.is_ascii_digit();
    }
    let after_t = AFTER_T.contains(&lower.as_str()) && {
        // the word before this one is "т." ("и т. д.", "и т.д.")
        let before: String = chars[..w].iter().map(|&(_, c)| c).collect();
        let before = before.trim_end().to_lowercase();
        before.ends_with("т.")
            && !before[..before.len() - "т.".len()].ends_with(char::is_alphanumeric)
    } || lower.ends_with("т.д")
        || lower.ends_with("т.п");
    if MAY_END.contains(&lower.as_str()) || after_t {
        return nc.is_uppercase();
    }
    if NON_TERMINAL.contains(&lower.as_str()) {
        return STATES.contains(&lower.as_str()) && ends_place(chars, w, nc, &next_word);
    }
    // a figure is no abbreviation: "fell to 4.8%. Economists …", "grew 2.5. Then …" (a
    // decimal's dot is not the word's last, so without this it read as "U.S.")
    if word.chars().any(|c| c.is_ascii_digit())
        && word.ends_with(|c: char| c.is_ascii_digit() || c == '%')
    {
        return true;
    }
    if word.contains('.') {
        // dotted abbreviation ("U.S.", "a.m.", "т.е."): boundary only before a typical opener,
        // or after a clock time before a name that reports ("escaped just after 9 a.m. Lyons
        // said …": ECB+ has two sentences there), unless the name dates the time ("9 a.m.
        // Monday", "9 a.m. Eastern")
        let next_lower = next_word.to_lowercase();
        if matches!(lower.as_str(), "a.m" | "p.m")
            && nc.is_uppercase()
            && !CLOCK_QUALIFIERS.contains(&next_lower.as_str())
            && !super::boilerplate::TIME_ZONES.contains(&next_lower.as_str())
            && super::slots::weekday_of_name(&next_lower).is_none()
            && !super::quantities::is_month_name(&next_lower)
            && speech_follows(chars, next)
        {
            return true;
        }
        return STARTERS.contains(&next_lower.as_str())
            || (SENTENCE_ADVERBS.contains(&next_lower.as_str()) && comma_after_word(chars, next));
    }
    true
}

/// Sentence adverbs that open a sentence when a comma sets them off ("… to the U.S.
/// Additionally, Haiti is …"); without the comma they may be part of a name ("U.S. Today").
const SENTENCE_ADVERBS: &[&str] = &[
    "additionally",
    "also",
    "furthermore",
    "moreover",
    "instead",
    "nonetheless",
    "nevertheless",
    "besides",
    "therefore",
    "thus",
    "indeed",
    "finally",
    "lastly",
    "later",
    "earlier",
    "today",
    "currently",
    "overall",
    "separately",
    "similarly",
    "likewise",
    "consequently",
    "ultimately",
    "recently",
    "previously",
    "eventually",
    "notably",
    "importantly",
    "unfortunately",
    "fortunately",
    "specifically",
    "otherwise",
    "accordingly",
    "again",
];

/// True when the word starting at `chars[from]` is followed directly by a comma.
fn comma_after_word(chars: &[(usize, char)], from: usize) -> bool {
    chars[from..]
        .iter()
        .map(|&(_, c)| c)
        .skip_while(|c| !c.is_alphanumeric())
        .find(|c| !(c.is_alphanumeric() || *c == '\''))
        == Some(',')
}

/// A reporting verb within the next three words.
fn speech_follows(chars: &[(usize, char)], from: usize) -> bool {
    let rest: String = chars[from..].iter().take(60).map(|&(_, c)| c).collect();
    rest.split_whitespace().take(3).skip(1).any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        SPEECH.contains(&w.as_str())
    })
}

fn next_word(chars: &[(usize, char)], from: usize) -> String {
    chars[from..]
        .iter()
        .map(|&(_, c)| c)
        .skip_while(|c| !c.is_alphanumeric())
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect()
}

/// Pushes `r` trimmed of whitespace and Markdown line markers, if anything word-like remains.
fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let mut start = r.start + lead;
    let end = r.start + s.trim_end().len();
    if start >= end {
        return;
    }
    // Markdown heading / list / quote markers are not part of the sentence
    loop {
        let rest = &text[start..end];
        let skip = if rest.starts_with('#') {
            rest.len() - rest.trim_start_matches('#').len()
        } else if rest.starts_with("- ")
            || rest.starts_with("* ")
            || rest.starts_with("+ ")
            || rest.starts_with('>')
        {
            1
        } else {
            0
        };
        if skip == 0 {
            break;
        }
        start += skip;
        let rest = &text[start..end];
        start += rest.len() - rest.trim_start().len();
        if start >= end {
            return;
        }
    }
    if text[start..end].chars().any(char::is_alphanumeric) {
        out.push(start..end);
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_block_read_as_one_ascii_sentence_is_what_the_char_reading_makes_of_it() {
        let blocks = [
            "The bridge opened on Monday.",
            "The bridge opened on Monday.\"  ",
            "\"Is it over?\" Walsh asked.",
            "He said \"no.\")] ",
            "No stop at all",
            "Officials met in the U.S. on Monday. They agreed.",
            "It cost 3.5 million dollars.",
            "Stop!- he said.",
            "Mr. Smith arrived.",
            "# Heading",
            "- item one.",
            "Ends with a dot and tab.\t",
            "Wait... what?",
            "",
            "   ",
            "\u{201c}Quoted.\u{201d}",
            "A sentence. \u{2014} and more.",
        ];
        let mut fast = 0;
        for b in blocks {
            let mut whole = Vec::new();
            split_block(b, 0..b.len(), &mut whole);
            let mut by_chars = Vec::new();
            split_block_by_chars(b, 0..b.len(), &mut by_chars);
            assert_eq!(whole, by_chars, "{b:?}");
            if one_ascii_sentence(b.as_bytes()) {
                fast += 1;
                let mut trimmed = Vec::new();
                push_trimmed(b, 0..b.len(), &mut trimmed);
                assert_eq!(by_chars, trimmed, "{b:?}");
            }
        }
        // the blocks of one sentence or none are read without chars, the others are not
        assert!((8..blocks.len() - 3).contains(&fast), "{fast}");
        assert!(!one_ascii_sentence(
            b"Officials met in the U.S. on Monday. They agreed."
        ));
        assert!(!one_ascii_sentence("\u{201c}Quoted.\u{201d}".as_bytes()));
        assert!(one_ascii_sentence(b"The bridge opened on Monday.\")  "));
    }
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        split_sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn a_clock_time_ends_a_sentence_before_a_name_that_reports() {
        let t = "He escaped just after 9 a.m. Lyons said that Comeaux used a wheelchair.";
        assert_eq!(
            split(t),
            vec![
                "He escaped just after 9 a.m.",
                "Lyons said that Comeaux used a wheelchair."
            ]
        );
        // the day or the zone of the time, and a name that does not report, stay in it
        for t in [
            "The crash happened at 10 a.m. Monday, police said.",
            "Polls close at 8 p.m. Eastern, officials said.",
            "He met at 9 a.m. Lyons Street residents.",
        ] {
            assert_eq!(split(t), vec![t]);
        }
    }

    #[test]
    fn titles_initials_and_numbers_do_not_split() {
        let t = "Mr. Steele met Donald J. Trump at 10 a.m. on Jan. 5. Growth was 2.5 percent. \
                 He ranked No. 2 in the U.S. Senate.";
        assert_eq!(
            split(t),
            vec![
                "Mr. Steele met Donald J. Trump at 10 a.m. on Jan. 5.",
                "Growth was 2.5 percent.",
                "He ranked No. 2 in the U.S. Senate."
            ]
        );
    }

    #[test]
    fn police_ranks_do_not_split() {
        // ECB+ 18ecb: "Const." (a Canadian constable) was a claim of its own, and two such
        // fragments made a shared cluster (judge25, item 8)
        let t = "The man confronted the crowd. Const. Tim Fanning said the man walked in. \
                 Cpl. Jones agreed.";
        assert_eq!(
            split(t),
            vec![
                "The man confronted the crowd.",
                "Const. Tim Fanning said the man walked in.",
                "Cpl. Jones agreed."
            ]
        );
    }

    #[test]
    fn a_digit_after_digit_dot_space_starts_no_sentence() {
        // ECB+ 20ecbplus: "0 quake can cause severe damage." was a sentence (session 16)
        let t = "A magnitude 6. 0 quake can cause severe damage. It hit at 5.";
        assert_eq!(
            split(t),
            vec![
                "A magnitude 6. 0 quake can cause severe damage.",
                "It hit at 5."
            ]
        );
        assert_eq!(split("It was 6. Then 7."), vec!["It was 6.", "Then 7."]);
    }

    #[test]
    fn a_state_after_a_place_ends_a_sentence_before_an_opener() {
        let t = "\"We need a plan,\" Obama said at a campaign stop in Roanoke, Va. \"An emergency meeting was held,\" he said.";
        assert_eq!(split(t).len(), 2, "{:?}", split(t));
        let t = "The storm hit Norfolk, Va. The governor declared an emergency.";
        assert_eq!(split(t).len(), 2, "{:?}", split(t));
        // inside a place or a name the abbreviation stays
        let t = "He lives in Roanoke, Va. with his wife and two children.";
        assert_eq!(split(t).len(), 1, "{:?}", split(t));
        let t = "Officials in Richmond, Va. Police Department said the road was closed.";
        assert_eq!(split(t).len(), 1, "{:?}", split(t));
        let t = "He met Rep. Ed Case of Hawaii and Sen. Va. Foxx on Monday.";
        assert_eq!(split(t).len(), 1, "{:?}", split(t));
    }

    #[test]
    fn a_percentage_with_a_decimal_ends_a_sentence() {
        assert_eq!(
            split("The rate fell to 4.8%. Economists were surprised."),
            vec!["The rate fell to 4.8%.", "Economists were surprised."]
        );
        assert_eq!(
            split("Output grew 2.5. Traders were amazed."),
            vec!["Output grew 2.5.", "Traders were amazed."]
        );
        // a decimal inside the sentence and an abbreviation before a name stay in it
        for t in [
            "The rate fell to 4.8% in May, economists said.",
            "He met U.S. Ambassador Jones on Monday.",
        ] {
            assert_eq!(split(t), vec![t]);
        }
    }

    #[test]
    fn dotted_abbreviation_before_a_sentence_adverb_and_comma_splits() {
        assert_eq!(
            split(
                "He worked in Chile before coming to the U.S. Additionally, Haiti is recovering."
            ),
            vec![
                "He worked in Chile before coming to the U.S.",
                "Additionally, Haiti is recovering."
            ]
        );
        // without the comma the word may be a name's part
        let t = "She told U.S. Today reporters that she would stay.";
        assert_eq!(split(t), vec![t]);
    }

    #[test]
    fn dotted_abbreviation_before_opener_splits() {
        assert_eq!(
            split("He flew to the U.S. The talks began."),
            vec!["He flew to the U.S.", "The talks began."]
        );
    }

    #[test]
    fn quotes_closing_after_stop() {
        let t = "“We had a fantastic call.” Trump said so. “Is it over?” he asked. Yes!";
        assert_eq!(
            split(t),
            vec![
                "“We had a fantastic call.”",
                "Trump said so.",
                "“Is it over?” he asked.",
                "Yes!"
            ]
        );
    }

    #[test]
    fn ellipsis_and_headlines() {
        let t =
            "# Trump-Putin call seen as a win\n\nIt went on... and on. Then… Silence.\nNext line";
        assert_eq!(
            split(t),
            vec![
                "Trump-Putin call seen as a win",
                "It went on... and on.",
                "Then…",
                "Silence.",
                "Next line"
            ]
        );
    }

    #[test]
    fn russian_abbreviations() {
        let t = "В 2025 г. Путин, т.е. президент РФ, говорил с Трампом. Разговор длился 2,5 часа. \
                 Это им. Ленина улица.";
        assert_eq!(
            split(t),
            vec![
                "В 2025 г. Путин, т.е. президент РФ, говорил с Трампом.",
                "Разговор длился 2,5 часа.",
                "Это им. Ленина улица."
            ]
        );
    }

    #[test]
    fn quoted_questions_before_speech_verbs() {
        let t =
            "He said: \"We need a big tent. Can we get one?\" \"Why?\" Walsh asked. Then he left.";
        assert_eq!(
            split(t),
            vec![
                "He said: \"We need a big tent.",
                "Can we get one?\"",
                "\"Why?\" Walsh asked.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn russian_quote_closed_by_exclamation_before_dash_is_one_sentence() {
        let t = "«Мы не будем торопиться с оценками!» — заявил Дмитрий Песков журналистам. \
                 «Когда?» — спросил корреспондент. Разговор закончился.";
        assert_eq!(
            split(t),
            vec![
                "«Мы не будем торопиться с оценками!» — заявил Дмитрий Песков журналистам.",
                "«Когда?» — спросил корреспондент.",
                "Разговор закончился."
            ]
        );
    }

    #[test]
    fn russian_abbreviations_that_end_sentences() {
        let t = "Обсуждали энергетику, порты и т. д. Переговоры продолжатся. \
                 Билет стоит 500 руб. Это дорого. Речь шла о т.п. Дальше. \
                 Выступил ген.-лейт. Иванов. Адрес: ул. Ленина, д. 5.";
        assert_eq!(
            split(t),
            vec![
                "Обсуждали энергетику, порты и т. д.",
                "Переговоры продолжатся.",
                "Билет стоит 500 руб.",
                "Это дорого.",
                "Речь шла о т.п.",
                "Дальше.",
                "Выступил ген.-лейт. Иванов.",
                "Адрес: ул. Ленина, д. 5."
            ]
        );
    }

    #[test]
    fn the_display_check_reads_bytes_as_the_pairwise_test_did() {
        // the test `display_text` ran before the class table, byte pairs read as chars
        let pairwise = |s: &str| {
            let b = s.as_bytes();
            b.windows(2).any(|w| {
                (w[0] == b' ' && (w[1] == b' ' || is_tight_after(w[1] as char)))
                    || (is_tight_before(w[0] as char) && w[1] == b' ')
            }) || b.iter().any(|&c| matches!(c, b'\n' | b'\r' | b'\t'))
        };
        for s in [
            "plain text",
            "made  a statement",
            "word .",
            "( word",
            "\u{00AB} quoted\u{00BB}",
            "\u{00AB}quoted \u{00BB}",
            "ë« x",
            "tab\there",
            "end\r",
            " »",
            "",
            "[ ] ( ) x ,y",
        ] {
            assert_eq!(needs_display_fix(s.as_bytes()), pairwise(s), "{s:?}");
        }
    }

    #[test]
    fn display_text_collapses_blanked_markup() {
        assert_eq!(
            display_text("made  a statement          on Tuesday."),
            "made a statement on Tuesday."
        );
        assert_eq!(display_text("two\nPresidents"), "two Presidents");
        assert_eq!(display_text("1\u{a0}500 people"), "1\u{a0}500 people");
        assert!(matches!(
            display_text("plain text"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// Tester report 21, finding 11: a Chinese paragraph with an English sentence after it
    /// was one claim.
    #[test]
    fn full_width_stops_end_cjk_sentences_without_a_space() {
        let t = "周二上午，河上的桥梁倒塌，造成四人死亡。官员表示，该桥曾在三月接受检查。\
                 🚑 The bridge collapsed on Tuesday, killing four people.";
        assert_eq!(
            split(t),
            vec![
                "周二上午，河上的桥梁倒塌，造成四人死亡。",
                "官员表示，该桥曾在三月接受检查。",
                "🚑 The bridge collapsed on Tuesday, killing four people."
            ]
        );
        // "！" and "？", a closing corner bracket kept with its sentence, offsets exact
        let t = "他问：「真的吗？」她说：「是的！」橋が崩れた｡ 四人が死亡した。";
        let parts = split(t);
        assert_eq!(
            parts,
            vec![
                "他问：「真的吗？」",
                "她说：「是的！」",
                "橋が崩れた｡",
                "四人が死亡した。"
            ]
        );
        for r in split_sentences(t) {
            assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
        }
        // Latin text with no space after its stop is still one sentence ("U.S.-led",
        // "3.5"), and a full-width comma ends nothing
        assert_eq!(
            split("The U.S.-led talks grew 3.5 percent."),
            vec!["The U.S.-led talks grew 3.5 percent."]
        );
        assert_eq!(split("周二上午，桥梁倒塌，"), vec!["周二上午，桥梁倒塌，"]);
    }

    #[test]
    fn wrapped_lines_join() {
        let t = "The call between the two\nPresidents lasted hours. It ended.";
        assert_eq!(
            split(t),
            vec![
                "The call between the two\nPresidents lasted hours.",
                "It ended."
            ]
        );
    }
}

//! Turning a file's bytes into text, exactly once, from the encoding the file declares or the
//! one its bytes show.
//!
//! Order of evidence: a byte-order mark; then valid UTF-8 (which wins over a declaration that
//! says otherwise, with a warning, because a legacy declaration left on a re-encoded file is
//! common and decoding UTF-8 as Windows-1251 turns "Пер" into "РџРµСЂ"); then the encoding the
//! file declares (`<?xml … encoding="…"?>`, `<meta charset="…">`); then Windows-1251 Cyrillic
//! recognised from the bytes; then Windows-1252 (Western European) recognised from the bytes;
//! then UTF-8 with replacement characters. Every conversion is
//! reported. Decoding is done with `encoding_rs` (the WHATWG encodings, as browsers do).

use std::path::Path;

use encoding_rs::Encoding;

use super::model::Diagnostic;

/// Where a file may declare its encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declared {
    /// Plain text and Markdown: no declaration to look for.
    None,
    /// An XML declaration (RSS / Atom).
    Xml,
    /// An HTML `<meta charset>` or `http-equiv` Content-Type.
    Html,
}

/// Decodes `bytes`, reporting anything other than clean UTF-8. `None` (with an error) for
/// binary files.
pub fn decode(
    path: &Path,
    bytes: Vec<u8>,
    declared: Declared,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    if let Some((encoding, _)) = Encoding::for_bom(&bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, _, had_errors) = encoding.decode(&bytes);
        diags.push(Diagnostic::warning(
            path,
            None,
            format!(
                "text is {}{}, not UTF-8; converted, so byte offsets refer to the converted text",
                encoding.name(),
                if had_errors {
                    " with invalid sequences"
                } else {
                    ""
                }
            ),
        ));
        return Some(text.into_owned());
    }
    let mut bytes = bytes;
    if bytes[..bytes.len().min(8192)].contains(&0) {
        if let Some((text, name)) = utf16_without_bom(&bytes) {
            diags.push(Diagnostic::warning(
                path,
                None,
                format!(
                    "text is {name} without a byte-order mark (recognised from its bytes), not \
                     UTF-8; converted, so byte offsets refer to the converted text"
                ),
            ));
            return Some(text);
        }
        match stray_nuls(&bytes) {
            Some(lines) => {
                let more = match lines.len() {
                    1 => String::new(),
                    n => format!(" (and {} more, lines {})", n - 1, join_lines(&lines[1..])),
                };
                diags.push(Diagnostic::warning(
                    path,
                    Some(lines[0]),
                    format!(
                        "a stray NUL byte{more} removed; the rest is read as text, so byte \
                         offsets refer to the text without it"
                    ),
                ));
                bytes.retain(|&b| b != 0);
            }
            None => {
                diags.push(Diagnostic::error(
                    path,
                    None,
                    "looks like a binary file (contains NUL bytes), not text; skipped (if it \
                     is UTF-16 text, convert it to UTF-8 first, e.g. `iconv -f UTF-16LE -t \
                     UTF-8`, or save it with a byte-order mark)",
                ));
                return None;
            }
        }
    }
    let label = declared_label(&bytes, declared);
    let declared_enc = label
        .as_deref()
        .and_then(|l| Encoding::for_label(l.as_bytes()));
    if let (Some(l), None) = (label.as_deref(), declared_enc) {
        diags.push(Diagnostic::warning(
            path,
            Some(1),
            format!("declares an unknown encoding '{l}'; the bytes decide"),
        ));
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(s) => {
            if let Some(enc) = declared_enc
                && enc != encoding_rs::UTF_8
                && !s.is_ascii()
            {
                diags.push(Diagnostic::warning(
                    path,
                    Some(1),
                    format!(
                        "declares {} but the bytes are UTF-8; read as UTF-8",
                        enc.name()
                    ),
                ));
            }
            return Some(s);
        }
        Err(e) => e,
    };
    let valid = bytes.utf8_error().valid_up_to();
    let bytes = bytes.into_bytes();
    let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
    if let Some(enc) = declared_enc
        && enc != encoding_rs::UTF_8
    {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
        let message = if had_errors {
            format!(
                "declared {} but has bytes that are not valid in it; decoded with replacement \
                 characters, so byte offsets refer to the converted text",
                enc.name()
            )
        } else {
            format!(
                "text is {} (as declared), not UTF-8; converted, so byte offsets refer to the \
                 converted text",
                enc.name()
            )
        };
        diags.push(Diagnostic::warning(path, Some(line), message));
        return Some(text.into_owned());
    }
    let (cp1251, errors) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(&bytes);
    if !errors && mostly_cyrillic(&cp1251) {
        diags.push(Diagnostic::warning(
            path,
            Some(line),
            "text is Windows-1251 (Cyrillic), not UTF-8; converted, so byte offsets refer to the converted text",
        ));
        return Some(cp1251.into_owned());
    }
    if let Some(text) = western(&bytes) {
        diags.push(Diagnostic::warning(
            path,
            Some(line),
            "not UTF-8; the bytes read as Windows-1252 (Western European, a superset of \
             Latin-1), so converted from it; byte offsets refer to the converted text (re-save \
             the file as UTF-8 to be sure)",
        ));
        return Some(text);
    }
    diags.push(Diagnostic::warning(
        path,
        Some(line),
        format!(
            "not valid UTF-8 (first bad byte at offset {valid}) nor recognisably Windows-1251 or \
             Windows-1252; decoded with replacement characters, so offsets after it may be off \
             (re-save the file as UTF-8)"
        ),
    ));
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// The most NUL bytes a text file may carry and still be read as text (each dropped with a
/// warning): a stray byte from a bad copy or an editor, not a binary file's many.
const MAX_STRAY_NULS: usize = 4;

/// The 1-based lines of the NUL bytes in `bytes` when they are a few strays in text: at most
/// [`MAX_STRAY_NULS`] of them, and no other control byte but tab, line feed, vertical tab,
/// form feed, carriage return and escape (a binary file has many of both). `None` otherwise.
fn stray_nuls(bytes: &[u8]) -> Option<Vec<usize>> {
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    if nuls == 0 || nuls > MAX_STRAY_NULS {
        return None;
    }
    let other_controls = bytes
        .iter()
        .any(|&b| b < 0x20 && b != 0 && !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1b));
    if other_controls {
        return None;
    }
    let mut line = 1;
    let mut lines = Vec::new();
    for &b in bytes {
        match b {
            b'\n' => line += 1,
            0 => lines.push(line),
            _ => {}
        }
    }
    Some(lines)
}

/// "3, 7 and 9".
fn join_lines(lines: &[usize]) -> String {
    let words: Vec<String> = lines.iter().map(ToString::to_string).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => words.join(""),
    }
}

/// `bytes` decoded as UTF-16 (little- or big-endian) without a byte-order mark, when they
/// read as text in it: an even length; the zero bytes all at one parity (the high byte of
/// ASCII and Latin-1 characters: spaces, digits, punctuation, line ends), at least one code
/// unit in ten with one, at most one in a hundred at the other parity; no invalid sequence (a lone surrogate);
/// no control character but tab, line feed, form feed and carriage return; no
/// private-use or unassigned-looking noncharacter. A binary file has zero bytes at both
/// parities and controls among its units. Returns the text and the encoding's name.
fn utf16_without_bom(bytes: &[u8]) -> Option<(String, &'static str)> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.len() / 2;
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // (one in a hundred at the other parity: a CJK character such as U+4E00 has a zero low
    // byte)
    let enc = if odd * 10 >= units && even * 100 <= units {
        encoding_rs::UTF_16LE
    } else if even * 10 >= units && odd * 100 <= units {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\x0c' | '\r');
    let noncharacter = |c: char| matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{fdd0}'..='\u{fdef}' | '\u{fffe}' | '\u{ffff}');
    let plausible = |c: char| !control(c) && !noncharacter(c);
    (!had_errors && text.chars().all(plausible)).then(|| (text.into_owned(), enc.name()))
}

/// `bytes` decoded as Windows-1252 when they read as Western European text: every character
/// outside ASCII is a Latin letter (U+00C0–U+017F but × and ÷) or a typographic sign
/// Windows-1252 has (quotes, dashes, €, °, ©, «», NBSP…), never a C1 control (the bytes
/// Windows-1252 leaves undefined); at most two such characters stand together; and a word with
/// an accented letter has ASCII letters too ("café", "Montréal"), but for the one-letter words
/// "à", "è", "é", "ó". Text in other legacy encodings (Cyrillic or Greek code pages,
/// Shift-JIS) and stray bytes ("ÿþ", a UTF-16 byte-order mark) fail the test, and then stay
/// with replacement characters.
fn western(bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    if had_errors {
        return None;
    }
    let mut run = 0usize;
    // the current word: its letters, whether one is ASCII, its first letter
    let (mut letters, mut ascii, mut first) = (0usize, false, ' ');
    let word_ok = |letters: usize, ascii: bool, first: char| {
        ascii
            || letters == 0
            || (letters == 1 && matches!(first, 'à' | 'è' | 'é' | 'ó' | 'À' | 'É'))
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            if letters == 0 {
                first = c;
            }
            letters += 1;
            ascii |= c.is_ascii();
        } else {
            if !word_ok(letters, ascii, first) {
                return None;
            }
            (letters, ascii) = (0, false);
        }
        if c.is_ascii() {
            run = 0;
            continue;
        }
        run += 1;
        let latin_letter = matches!(c, '\u{00C0}'..='\u{017F}') && c != '×' && c != '÷';
        let sign =
            matches!(c, '\u{00A0}'..='\u{00BF}' | '\u{2010}'..='\u{203A}' | '€' | '™' | 'ˆ' | '˜');
        // two in a row happen ("naïf", "é»"); three are another script
        if !(latin_letter || sign) || run > 2 {
            return None;
        }
    }
    word_ok(letters, ascii, first).then(|| text.into_owned())
}

/// True when most letters outside markup are Cyrillic (tags and entities are skipped, so a
/// Windows-1251 feed full of ASCII element names still counts).
fn mostly_cyrillic(text: &str) -> bool {
    let (mut cyr, mut letters) = (0usize, 0usize);
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && c.is_alphabetic() => {
                letters += 1;
                if ('\u{0400}'..='\u{04FF}').contains(&c) {
                    cyr += 1;
                }
            }
            _ => {}
        }
    }
    letters > 0 && cyr * 2 > letters
}

/// The encoding label a file declares in its first kilobytes, if any.
fn declared_label(bytes: &[u8], declared: Declared) -> Option<String> {
    let head = &bytes[..bytes.len().min(2048)];
    // the declaration is ASCII in every encoding framediff reads
    let head: String = head
        .iter()
        .map(|&b| if b.is_ascii() { b as char } else { ' ' })
        .collect();
    let lower = head.to_ascii_lowercase();
    match declared {
        Declared::None => None,
        Declared::Xml => {
            let decl_end = lower.find("?>")?;
            let decl = &lower[..decl_end];
            if !decl.trim_start().starts_with("<?xml") {
                return None;
            }
            attribute(decl, "encoding")
        }
        Declared::Html => {
            let mut from = 0;
            while let Some(i) = lower[from..].find("<meta") {
                let start = from + i;
                let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
                let tag = &lower[start..end];
                if let Some(cs) = attribute(tag, "charset") {
                    return Some(cs);
                }
                if let Some(ct) = attribute(tag, "content")
                    && let Some(p) = ct.find("charset=")
                {
                    let cs = ct[p + 8..]
                        .trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
                        .split([';', ' '])
                        .next()
                        .unwrap_or("")
                        .to_string();
                    if !cs.is_empty() {
                        return Some(cs);
                    }
                }
                from = end;
            }
            None
        }
    }
}

/// The value of `name="…"`, `name='…'` or `name=…` in a tag (already lower-cased).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at == 0
            || tag[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_whitespace() || c == '<');
        let rest = tag[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_whitespace() || matches!(c, '>' | '/' | ';' | '"' | '\''))
                .next()
                .unwrap_or(""),
        };
        let value = value.trim();
        if !value.is_empty() {
            return Some(value.to_string());
        }
    }
    None
}

/// Rewrites the `encoding` of an XML declaration to UTF-8, for text that was already decoded,
/// so an XML parser that honours the declaration does not decode it a second time.
pub fn declare_utf8(xml: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = xml.trim_start_matches('\u{FEFF}');
    let lead = xml.len() - trimmed.len();
    if !trimmed.trim_start().starts_with("<?xml") {
        return xml.into();
    }
    let Some(end) = trimmed.find("?>") else {
        return xml.into();
    };
    let decl = &trimmed[..end];
    let lower = decl.to_ascii_lowercase();
    let Some(at) = lower.find("encoding") else {
        return xml.into();
    };
    let rest = &decl[at + "encoding".len()..];
    let Some(eq) = rest.find('=') else {
        return xml.into();
    };
    let after_eq = &rest[eq + 1..];
    let ws = after_eq.len() - after_eq.trim_start().len();
    let value_start = at + "encoding".len() + eq + 1 + ws;
    let Some(q) = decl[value_start..]
        .chars()
        .next()
        .filter(|c| *c == '"' || *c == '\'')
    else {
        return xml.into();
    };
    let Some(close) = decl[value_start + 1..].find(q) else {
        return xml.into();
    };
    let value_end = value_start + 1 + close;
    let mut out = String::with_capacity(xml.len());
    out.push_str(&xml[..lead + value_start + 1]);
    out.push_str("UTF-8");
    out.push_str(&xml[lead + value_end..]);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tester report 21, finding 10: UTF-16 without a byte-order mark is read (both byte
    /// orders), a stray NUL is dropped with a warning naming its line, a real binary file
    /// is still rejected, and its message suggests UTF-16.
    #[test]
    fn utf16_without_a_bom_and_a_stray_nul_are_read_and_binaries_are_not() {
        let text = "---\noutlet: bbc\n---\nThe café reopened on Monday, officials said.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let mut d = Vec::new();
            let out = decode(Path::new("a.md"), bytes, Declared::None, &mut d);
            assert_eq!(out.as_deref(), Some(text), "{name}");
            assert_eq!(d.len(), 1, "{d:?}");
            assert!(
                d[0].message.contains(name) && d[0].message.contains("without a byte-order mark"),
                "{d:?}"
            );
        }
        // one NUL on line 4 of otherwise clean text
        let mut d = Vec::new();
        let bytes = b"---\noutlet: bbc\n---\nThe talks\0 resumed.\nMore text.\n".to_vec();
        let out = decode(Path::new("a.md"), bytes, Declared::None, &mut d);
        assert_eq!(
            out.as_deref(),
            Some("---\noutlet: bbc\n---\nThe talks resumed.\nMore text.\n")
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].severity, crate::corpus::Severity::Warning);
        assert_eq!(d[0].line, Some(4));
        assert!(d[0].message.contains("stray NUL byte removed"), "{d:?}");
        // a binary file: many NULs and other control bytes at both parities
        let png: Vec<u8> = [
            &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0"[..],
            &[
                0x5c, 0x72, 0xa8, 0x66, 0, 0, 0, 1, 0x73, 0x52, 0x47, 0x42, 0, 0xae,
            ],
        ]
        .concat();
        let mut d = Vec::new();
        assert!(decode(Path::new("x.md"), png, Declared::None, &mut d).is_none());
        assert_eq!(d[0].severity, crate::corpus::Severity::Error);
        assert!(
            d[0].message.contains("binary") && d[0].message.contains("UTF-16"),
            "{d:?}"
        );
        // a text with a few NULs but also other control bytes is not "text with strays"
        let mut d = Vec::new();
        let bytes = b"text\0 with \x01\x02 controls\n".to_vec();
        assert!(decode(Path::new("y.md"), bytes, Declared::None, &mut d).is_none());
    }

    fn feed(encoding: &str, title: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"{encoding}\"?>\n<rss version=\"2.0\"><channel><title>{title}</title></channel></rss>"
        )
    }

    #[test]
    fn declared_windows_1251_is_decoded_once() {
        let text = feed("windows-1251", "Известия: Путин и Трамп");
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
        let mut d = Vec::new();
        let out = decode(
            Path::new("f.rss"),
            bytes.into_owned(),
            Declared::Xml,
            &mut d,
        )
        .unwrap();
        assert!(out.contains("Известия: Путин и Трамп"), "{out}");
        // the conversion is reported (offsets refer to the converted text)
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("windows-1251 (as declared)"), "{d:?}");
        assert!(declare_utf8(&out).starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    }

    #[test]
    fn utf8_bytes_win_over_a_wrong_declaration_with_a_warning() {
        let text = feed("windows-1251", "Первый канал");
        let mut d = Vec::new();
        let out = decode(Path::new("f.rss"), text.into_bytes(), Declared::Xml, &mut d).unwrap();
        assert!(out.contains("Первый канал"));
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("windows-1251"), "{}", d[0]);
        assert_eq!(d[0].line, Some(1));
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body><p>Кремль</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
        let mut d = Vec::new();
        let out = decode(
            Path::new("p.html"),
            bytes.into_owned(),
            Declared::Html,
            &mut d,
        )
        .unwrap();
        assert!(out.contains("Кремль"));
        assert_eq!(d.len(), 1, "{d:?}");
        let koi = "<meta charset='koi8-r'><p>Кремль</p>";
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(koi);
        let out = decode(
            Path::new("p.html"),
            bytes.into_owned(),
            Declared::Html,
            &mut d,
        )
        .unwrap();
        assert!(out.contains("Кремль"), "{out}");
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[1].message.contains("KOI8-R (as declared)"), "{d:?}");
    }

    #[test]
    fn undeclared_western_text_is_read_as_windows_1252() {
        let text = "Café owner says Powell visited in 1995.\n\nThe café in Montréal is known for \
                    crème brûlée – “the best”, he said.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let mut d = Vec::new();
        let out = decode(
            Path::new("latin1.txt"),
            bytes.into_owned(),
            Declared::None,
            &mut d,
        )
        .unwrap();
        assert_eq!(out, text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("Windows-1252"), "{}", d[0]);
        assert_eq!(d[0].line, Some(1));
        // "ÿþ" standing alone is a stray byte-order mark, not a word
        let out = decode(
            Path::new("bom.txt"),
            b"Second \xff\xfe line.".to_vec(),
            Declared::None,
            &mut Vec::new(),
        );
        assert!(out.unwrap().contains('\u{FFFD}'));
        // Windows-1251 Cyrillic is still recognised as such (runs of high bytes)
        let ru = "Колин Пауэлл скончался в понедельник.\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(ru);
        let out = decode(
            Path::new("ru.txt"),
            bytes.into_owned(),
            Declared::None,
            &mut d,
        );
        assert_eq!(out.as_deref(), Some(ru));
        assert!(d[1].message.contains("Windows-1251"), "{}", d[1]);
        // bytes Windows-1252 leaves undefined (C1 controls) in Latin text are neither: replacement
        // characters, and the warning says so
        let bytes = b"caf\x81\x8d\x8f\x90 ok, the rest is plain text".to_vec();
        let out = decode(Path::new("x.txt"), bytes, Declared::None, &mut d);
        assert!(out.unwrap().contains('\u{FFFD}'));
        assert!(d[2].message.contains("replacement characters"), "{}", d[2]);
    }

    #[test]
    fn undeclared_cyrillic_markup_is_still_recognised() {
        let text = "<rss><channel><title>Новости дня о переговорах</title></channel></rss>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let mut d = Vec::new();
        let out = decode(
            Path::new("f.xml"),
            bytes.into_owned(),
            Declared::Xml,
            &mut d,
        )
        .unwrap();
        assert_eq!(out, text);
        assert!(d[0].message.contains("Windows-1251"));
    }
}

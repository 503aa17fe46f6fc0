//! Styled-text helpers: every string from a corpus passes through [`safe`] here, and
//! [`wrap`] lays styled runs out in lines of a given width (display cells, not bytes).

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::sanitize::clean;

/// A span of untrusted text, sanitised.
pub fn safe<'a>(s: &'a str, style: Style) -> Span<'a> {
    match clean(s) {
        Cow::Borrowed(b) => Span::styled(b, style),
        Cow::Owned(o) => Span::styled(o, style),
    }
}

/// Cuts `s` to at most `width` cells, adding `…` when it was longer.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// `s` in exactly `width` terminal cells: cut with `…` when wider ([`truncate`]), padded
/// with spaces by display width (a CJK or full-width letter is two cells, an emoji two, a
/// combining mark none), where `format!("{:<w$}")` counts chars.
pub fn pad(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut t = truncate(s, width);
    let fill = width.saturating_sub(t.width());
    t.extend(std::iter::repeat_n(' ', fill));
    t
}

/// `names` cut to `width` cells each so that different names stay told apart: plain cuts
/// where those differ; names whose plain cuts read the same are cut in the middle instead,
/// among themselves: the words they all begin with as far as they fit, "…", then where they
/// differ ("The Times of…Delhi…", "The Times of…Mumbai…"); else without the words they all
/// begin and end with ("…01…" … "…22…"); else their ends. Equal names stay equal.
pub fn distinct_cut(names: &[String], width: usize) -> Vec<String> {
    let plain: Vec<String> = names.iter().map(|n| truncate(n, width)).collect();
    if told_apart(names, &plain) || names.len() < 2 || width < 4 {
        return plain;
    }
    let mut out = plain.clone();
    let mut seen = vec![false; names.len()];
    for i in 0..names.len() {
        if seen[i] {
            continue;
        }
        let group: Vec<usize> = (i..names.len()).filter(|&j| plain[j] == plain[i]).collect();
        for &j in &group {
            seen[j] = true;
        }
        let group_names: Vec<String> = group.iter().map(|&j| names[j].clone()).collect();
        if group_names.iter().all(|n| *n == group_names[0]) {
            continue;
        }
        let cut = group_cut(&group_names, width);
        for (k, &j) in group.iter().enumerate() {
            out[j] = cut[k].clone();
        }
    }
    if told_apart(names, &out) {
        out
    } else {
        common_words_cut(names, &plain, width)
    }
}

/// True when `cut` gives different names different texts.
fn told_apart(names: &[String], cut: &[String]) -> bool {
    (0..cut.len()).all(|i| (0..i).all(|j| cut[i] != cut[j] || names[i] == names[j]))
}

/// Names whose plain cuts collide, cut so they differ: [`head_cut`], else
/// [`common_words_cut`].
fn group_cut(names: &[String], width: usize) -> Vec<String> {
    let words: Vec<Vec<&str>> = names
        .iter()
        .map(|n| n.split_whitespace().collect())
        .collect();
    let (prefix, suffix) = common_words(&words);
    let heads: Vec<String> = words
        .iter()
        .map(|w| head_cut(w, prefix, suffix, width))
        .collect();
    if told_apart(names, &heads) {
        return heads;
    }
    let plain: Vec<String> = names.iter().map(|n| truncate(n, width)).collect();
    common_words_cut(names, &plain, width)
}

/// How many words all of `words` begin with, and how many (of the rest) they all end with.
fn common_words(words: &[Vec<&str>]) -> (usize, usize) {
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let same = |word: &dyn Fn(&[&str]) -> String| words.iter().all(|w| word(w) == word(&words[0]));
    let prefix = (0..shortest)
        .take_while(|&i| same(&|w| w[i].to_string()))
        .count();
    let suffix = (0..shortest - prefix)
        .take_while(|&i| same(&|w| w[w.len() - 1 - i].to_string()))
        .count();
    (prefix, suffix)
}

/// One name (`words`) cut in the middle to `width` cells: the whole words of its start that
/// fit (at least 8 cells of them, else none), "…", and the words from `prefix` on (the part
/// that differs, with the common end when it fits, else "…" for it): "The Times of…Delhi…".
fn head_cut(words: &[&str], prefix: usize, suffix: usize, width: usize) -> String {
    let whole = words[prefix..].join(" ");
    let mid = format!("{}…", words[prefix..words.len() - suffix].join(" "));
    let with_head = |rest: &str| {
        let room = width.checked_sub(rest.width() + 1)?;
        let mut head = String::new();
        for w in &words[..prefix] {
            let next = if head.is_empty() {
                w.to_string()
            } else {
                format!("{head} {w}")
            };
            if next.width() > room {
                break;
            }
            head = next;
        }
        (head.width() >= 8).then(|| format!("{head}…{rest}"))
    };
    let rests: Vec<&str> = if suffix > 0 {
        vec![&whole, &mid]
    } else {
        vec![&whole]
    };
    rests
        .iter()
        .find_map(|r| with_head(r))
        .or_else(|| {
            rests
                .iter()
                .map(|r| format!("…{r}"))
                .find(|r| r.width() <= width)
        })
        .unwrap_or_else(|| truncate(&format!("…{mid}"), width))
}

/// Cuts without the words all names begin and end with ("Regional Newspaper Number 01 of
/// the Alaska Press Association" … "…22…" become "…01…" … "…22…"); else their ends; else
/// `plain`.
fn common_words_cut(names: &[String], plain: &[String], width: usize) -> Vec<String> {
    let words: Vec<Vec<&str>> = names
        .iter()
        .map(|n| n.split_whitespace().collect())
        .collect();
    let (prefix, suffix) = common_words(&words);
    let middle: Vec<String> = words
        .iter()
        .map(|w| {
            let mid = w[prefix..w.len() - suffix].join(" ");
            let lead = if prefix > 0 { "…" } else { "" };
            let tail = if suffix > 0 { "…" } else { "" };
            truncate(&format!("{lead}{mid}{tail}"), width)
        })
        .collect();
    if told_apart(names, &middle) {
        return middle;
    }
    let ends: Vec<String> = names
        .iter()
        .map(|n| {
            if n.width() <= width {
                return n.clone();
            }
            let keep: String = n.chars().rev().take(width - 1).collect();
            format!("…{}", keep.chars().rev().collect::<String>())
        })
        .collect();
    if told_apart(names, &ends) {
        ends
    } else {
        plain.to_vec()
    }
}

/// Cuts `s` to `width` cells like [`truncate`], but when the characters `first..=last` (char
/// indices, e.g. a search match) would be cut off, shows a window around them instead:
/// "…middle part…". Returns the text and, for a window, the char index in `s` of the first
/// character after the leading "…" (so shown character `k > 0` is character `start + k - 1`).
pub fn window_around(s: &str, width: usize, first: usize, last: usize) -> (String, Option<usize>) {
    let total = s.chars().count();
    if s.width() <= width || last + 2 <= width || width < 8 {
        return (truncate(s, width), None);
    }
    // a little context before the match, but never so much that its end is cut off
    let start = first
        .saturating_sub(width / 4)
        .max((last + 3).saturating_sub(width))
        .min(first)
        .min(total.saturating_sub(width - 1));
    if start == 0 {
        return (truncate(s, width), None);
    }
    let rest: String = s.chars().skip(start).collect();
    (format!("…{}", truncate(&rest, width - 1)), Some(start))
}

/// Word-wraps styled runs to `width` cells. The first line starts with `first`, the
/// following ones with `rest` (both count towards the width). Words longer than a line are
/// split. Runs must already be sanitised (no line breaks).
pub fn wrap<'a>(runs: &[Span<'a>], width: usize, first: Span<'a>, rest: Span<'a>) -> Vec<Line<'a>> {
    let mut lines: Vec<Line<'a>> = Vec::new();
    let mut cur: Vec<Span<'a>> = vec![first.clone()];
    let mut used = first.content.width();
    let width = width.max(used + 1).max(rest.content.width() + 1);
    let at_line_start = |cur: &Vec<Span<'a>>| cur.len() == 1;

    for run in runs {
        let style = run.style;
        // Split into words, keeping the spaces as their own tokens.
        let mut tokens: Vec<&str> = Vec::new();
        let text: &str = &run.content;
        let mut start = 0;
        let mut in_space = None;
        for (i, c) in text.char_indices() {
            let sp = c == ' ';
            match in_space {
                Some(prev) if prev != sp => {
                    tokens.push(&text[start..i]);
                    start = i;
                }
                _ => {}
            }
            in_space = Some(sp);
        }
        if start < text.len() {
            tokens.push(&text[start..]);
        }
        for tok in tokens {
            let w = tok.width();
            let is_space = tok.starts_with(' ');
            if used + w <= width {
                if !(is_space && at_line_start(&cur) && !lines.is_empty()) {
                    cur.push(Span::styled(tok.to_string(), style));
                    used += w;
                }
                continue;
            }
            if is_space {
                // A break replaces the space.
                lines.push(finish(std::mem::replace(&mut cur, vec![rest.clone()])));
                used = rest.content.width();
                continue;
            }
            if w <= width - rest.content.width() && !at_line_start(&cur) {
                // A token glued to the word before it (a "." or "," in its own diff span)
                // takes that word along: a line never starts with a lone ".".
                let glued_from = cur
                    .iter()
                    .rposition(|s| s.content.ends_with(' '))
                    .map_or(1, |i| i + 1)
                    .max(1);
                let glued: Vec<Span<'a>> = if glued_from > 1 {
                    cur.split_off(glued_from)
                } else {
                    Vec::new()
                };
                let glued_w: usize = glued.iter().map(|s| s.content.width()).sum();
                if rest.content.width() + glued_w + w <= width {
                    lines.push(finish(std::mem::replace(&mut cur, vec![rest.clone()])));
                    used = rest.content.width() + glued_w;
                    cur.extend(glued);
                } else {
                    cur.extend(glued);
                    lines.push(finish(std::mem::replace(&mut cur, vec![rest.clone()])));
                    used = rest.content.width();
                }
                cur.push(Span::styled(tok.to_string(), style));
                used += w;
                continue;
            }
            // Too long for any line: split by characters.
            let mut piece = String::new();
            for c in tok.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width {
                    if !piece.is_empty() {
                        cur.push(Span::styled(std::mem::take(&mut piece), style));
                    }
                    lines.push(finish(std::mem::replace(&mut cur, vec![rest.clone()])));
                    used = rest.content.width();
                }
                piece.push(c);
                used += cw;
            }
            if !piece.is_empty() {
                cur.push(Span::styled(piece, style));
            }
        }
    }
    lines.push(finish(cur));
    lines
}

/// Styled runs on one line of `width` cells: cut at a word boundary where possible and ended
/// with `…` when they do not fit. Runs must already be sanitised, like for [`wrap`].
pub fn one_line<'a>(runs: &[Span<'a>], width: usize) -> Line<'a> {
    let mut lines = wrap(runs, width, Span::raw(""), Span::raw(""));
    clip_lines(&mut lines, 1, width);
    lines.pop().unwrap_or_default()
}

/// Keeps the first `max` lines of wrapped text; when lines were dropped, the last kept line
/// ends in `…` (cut so that it still fits `width` cells), so a reader sees the text goes on.
pub fn clip_lines(lines: &mut Vec<Line<'_>>, max: usize, width: usize) {
    if lines.len() <= max {
        return;
    }
    lines.truncate(max);
    let Some(last) = lines.last_mut() else {
        return;
    };
    // Drop whole spans, then characters, until the ellipsis fits.
    let room = width.saturating_sub(1);
    let mut mid_word = false;
    while last.width() > room {
        let over = last.width() - room;
        let Some(span) = last.spans.last_mut() else {
            break;
        };
        let w = span.content.width();
        if w <= over {
            last.spans.pop();
            mid_word = false;
            continue;
        }
        let keep = w - over;
        let mut used = 0;
        let cut: String = span
            .content
            .chars()
            .take_while(|c| {
                used += c.width().unwrap_or(0);
                used <= keep
            })
            .collect();
        mid_word = span.content[cut.len()..].starts_with(|c: char| c != ' ');
        span.content = Cow::Owned(cut);
    }
    // Cut inside a word: end at the space before it, when the line has an earlier word.
    let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
    let keep = match text.rfind(' ') {
        Some(i) if mid_word && !text[..i].trim_end().is_empty() => text[..i].trim_end().len(),
        _ => text.trim_end().len(),
    };
    let mut drop = text.len() - keep;
    while drop > 0 {
        let Some(span) = last.spans.last_mut() else {
            break;
        };
        let n = span.content.len();
        if n <= drop {
            drop -= n;
            last.spans.pop();
        } else {
            span.content = Cow::Owned(span.content[..n - drop].to_string());
            drop = 0;
        }
    }
    let style = last.spans.last().map(|s| s.style).unwrap_or_default();
    last.spans.push(Span::styled("…", style));
}

/// A finished line without the trailing space the break replaced.
fn finish(mut spans: Vec<Span<'_>>) -> Line<'_> {
    while spans.len() > 1 && spans.last().is_some_and(|s| s.content.trim().is_empty()) {
        spans.pop();
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    #[test]
    fn pad_fills_terminal_cells_not_chars() {
        use unicode_width::UnicodeWidthStr;
        for name in [
            "Süddeutsche Zeitung",
            "新华社 Xinhua News Agency 📰📰",
            "Ｆｕｌｌｗｉｄｔｈ Ｔｉｍｅｓ",
            "e\u{301}clair",
            "BBC",
        ] {
            for w in [3, 14, 22, 40] {
                let p = super::pad(name, w);
                assert_eq!(p.width(), w, "{name:?} at {w}: {p:?}");
            }
        }
    }

    #[test]
    fn cut_names_stay_told_apart() {
        let names: Vec<String> = (1..=12)
            .map(|i| format!("Regional Newspaper Number {i:02} of the Alaska Press Association"))
            .collect();
        let cut = super::distinct_cut(&names, 24);
        assert_eq!(cut[0], "Regional Newspaper…01…");
        assert_eq!(cut[11], "Regional Newspaper…12…");
        // tester report 18, item 17: only the names whose cuts collide are cut in the
        // middle, each with its own start ("The Times of India —…" twice before); at 15
        // cells "Hindustan Times…" collide too
        let names: Vec<String> = [
            "Associated Press",
            "Hindustan Times (Mumbai) Entertainment Desk",
            "Hindustan Times (New Delhi) Entertainment Desk",
            "The Times of India — Delhi Edition",
            "The Times of India — Mumbai Edition",
            "Daily Mail Online — TV & Showbiz",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            super::distinct_cut(&names, 21),
            [
                "Associated Press",
                "Hindustan Times (Mum…",
                "Hindustan Times (New…",
                "The Times of…Delhi…",
                "The Times of…Mumbai…",
                "Daily Mail Online — …",
            ]
        );
        let cut = super::distinct_cut(&names, 15);
        assert_eq!(cut[1], "…(Mumbai)…");
        assert_eq!(cut[2], "…(New Delhi)…");
        let names = vec![
            "Associated Press".to_string(),
            "CNN".to_string(),
            "CNN".to_string(),
        ];
        assert_eq!(
            super::distinct_cut(&names, 24),
            names,
            "short names untouched"
        );
        let names = vec![
            "The Times of London".to_string(),
            "The Times of India".to_string(),
        ];
        assert_eq!(
            super::distinct_cut(&names, 12),
            vec!["…London".to_string(), "…India".to_string()]
        );
    }

    use super::*;

    #[test]
    fn window_keeps_the_focus_visible() {
        let s = "Political scientists in Moscow were quick to hail the outcome as a clear win";
        let focus = s.find("clear").unwrap();
        let (shown, start) = window_around(s, 30, focus, focus + 8);
        let start = start.expect("a window");
        assert!(shown.starts_with('…') && shown.contains("clear"), "{shown}");
        assert!(shown.width() <= 30);
        let k = shown[..shown.find("clear").unwrap()].chars().count();
        assert_eq!(start + k - 1, focus);
        // short strings and an early focus behave like truncate
        assert!(shown.contains("clear win"), "the whole match fits: {shown}");
        assert_eq!(
            window_around("short", 30, 2, 3),
            ("short".to_string(), None)
        );
        assert_eq!(window_around(s, 30, 3, 6), (truncate(s, 30), None));
        // a match longer than the window keeps its start in view
        let (shown, start) = window_around(s, 30, 5, 40);
        assert_eq!(start, Some(5), "the match start stays visible first");
        assert!(shown.starts_with('…'));
    }

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn wraps_at_word_boundaries_with_prefixes() {
        let runs = [Span::raw("the quick brown fox jumps")];
        let lines = wrap(&runs, 12, Span::raw("= "), Span::raw("  "));
        assert_eq!(plain(&lines), vec!["= the quick", "  brown fox", "  jumps"]);
        for l in &lines {
            assert!(l.width() <= 12);
        }
    }

    #[test]
    fn splits_overlong_words_and_counts_wide_chars() {
        let runs = [Span::raw("日本語日本語日本語")];
        let lines = wrap(&runs, 8, Span::raw(""), Span::raw(""));
        assert!(lines.iter().all(|l| l.width() <= 8), "{:?}", plain(&lines));
        assert_eq!(plain(&lines).concat(), "日本語日本語日本語");
    }

    #[test]
    fn punctuation_in_its_own_span_never_starts_a_line_alone() {
        // "the outcome" fills the line; "." is a separate span (a diff run of its own).
        let runs = [Span::raw("hail the outcome"), Span::raw(".")];
        let lines = wrap(&runs, 16, Span::raw(""), Span::raw(""));
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(text, ["hail the", "outcome."]);
    }

    #[test]
    fn clipped_lines_end_in_an_ellipsis_and_still_fit() {
        let runs = [Span::raw(
            "Trump and Putin agree a limited ceasefire on energy sites",
        )];
        let mut lines = wrap(&runs, 16, Span::raw(""), Span::raw(""));
        assert!(lines.len() > 2);
        clip_lines(&mut lines, 2, 16);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].to_string().ends_with('…'), "{:?}", plain(&lines));
        assert!(lines[1].width() <= 16);
        let mut short = wrap(&[Span::raw("short")], 16, Span::raw(""), Span::raw(""));
        clip_lines(&mut short, 2, 16);
        assert_eq!(plain(&short), ["short"]);
        let mut full = wrap(
            &[Span::raw("abcdefghijklmnop qrs")],
            16,
            Span::raw(""),
            Span::raw(""),
        );
        clip_lines(&mut full, 1, 16);
        assert_eq!(plain(&full), ["abcdefghijklmno…"]);
        // a cut inside a word ends at the word before it
        let mut words = wrap(
            &[Span::raw("on settling the situation in")],
            28,
            Span::raw(""),
            Span::raw(""),
        );
        words.push(Line::raw("more"));
        clip_lines(&mut words, 1, 28);
        assert_eq!(plain(&words), ["on settling the situation…"]);
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}

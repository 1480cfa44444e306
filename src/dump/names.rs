//! Name keys and the surname link rule: which names of the dump are one entity.
//!
//! Two entity names are the same entity when their keys are equal (case, dots, a leading
//! "the" and a possessive "'s" do not count). A one-word person name ("Truss") is linked to
//! the one full person name of the dump that ends in it ("Liz Truss") when that full name is
//! the only one in the news within the window around the article's month; with two
//! candidates ("James Baker", "Howard Baker") or none, it stays its own entity.

/// The key two names share when they are the same name: lowercased, dots and a possessive
/// dropped, a leading "the" dropped, spaces collapsed.
pub fn name_key(name: &str) -> String {
    let lowered = name.trim().to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    let lowered = lowered
        .strip_suffix("'s")
        .or_else(|| lowered.strip_suffix('\''))
        .unwrap_or(&lowered);
    let mut words: Vec<String> = lowered
        .split(|c: char| c.is_whitespace())
        .map(|w| w.replace('.', ""))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

/// The word a one-word key could be the surname of: the key itself, when it is one word of
/// at least two letters.
pub fn bare_surname(key: &str) -> Option<&str> {
    (!key.contains(' ') && key.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(key)
}

/// The surname of a full name's key: its last word, when the key has two words or more.
pub fn surname_of(key: &str) -> Option<&str> {
    let (_, last) = key.rsplit_once(' ')?;
    bare_surname(last)
}

/// A month number (year * 12 + month - 1) from a UTC timestamp in microseconds.
pub fn month_of(micros: i64) -> Option<i32> {
    use chrono::Datelike;
    let d = chrono::DateTime::from_timestamp_micros(micros)?;
    Some(d.year() * 12 + d.month0() as i32)
}

/// Which of the full names ending in a surname a bare mention in `month` is linked to.
/// `active(i, month)` says whether candidate `i` is in the news in that month. Undated
/// mentions (`None`) see the whole dump. The link is made only when exactly one candidate is
/// in the window `month - window ..= month + window`.
pub fn pick_link(
    candidates: usize,
    month: Option<i32>,
    window: i32,
    active: impl Fn(usize, i32) -> bool,
) -> Option<usize> {
    let in_window = |i: usize| match month {
        Some(m) => (m - window..=m + window).any(|mm| active(i, mm)),
        None => true,
    };
    let mut found = None;
    for i in 0..candidates {
        if in_window(i) {
            if found.is_some() {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_dots_the_and_possessives() {
        assert_eq!(name_key("Liz Truss"), "liz truss");
        assert_eq!(name_key("TRUSS's"), "truss");
        assert_eq!(name_key("the  Guardian"), "guardian");
        assert_eq!(name_key("U.S."), "us");
        assert_eq!(name_key("Jo Johnson\u{2019}s"), "jo johnson");
        assert_ne!(name_key("Boris Johnson"), name_key("Jo Johnson"));
    }

    #[test]
    fn surnames_are_last_words_and_bare_keys_one_word() {
        assert_eq!(surname_of("james baker"), Some("baker"));
        assert_eq!(surname_of("baker"), None);
        assert_eq!(bare_surname("baker"), Some("baker"));
        assert_eq!(bare_surname("liz truss"), None);
        assert_eq!(bare_surname("x"), None);
    }

    #[test]
    fn a_link_needs_exactly_one_candidate_in_the_window() {
        // Candidate 0 is in the news in months 10..=12, candidate 1 in month 30.
        let active = |i: usize, m: i32| if i == 0 { (10..=12).contains(&m) } else { m == 30 };
        assert_eq!(pick_link(2, Some(11), 1, active), Some(0));
        assert_eq!(pick_link(2, Some(29), 1, active), Some(1));
        // Neither is in the news in month 20: no link.
        assert_eq!(pick_link(2, Some(20), 1, active), None);
        // A wide window sees both: ambiguous, no link.
        assert_eq!(pick_link(2, Some(20), 12, active), None);
        // Undated mentions see the whole dump.
        assert_eq!(pick_link(2, None, 1, active), None);
        assert_eq!(pick_link(1, None, 1, active), Some(0));
    }

    #[test]
    fn months_count_from_year_zero() {
        // 2022-05-26T14:43:13Z
        assert_eq!(month_of(1_653_576_193_000_000), Some(2022 * 12 + 4));
    }
}

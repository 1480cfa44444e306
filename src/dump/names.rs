//! Name keys and the surname link rule: which names of the dump are one entity.
//!
//! Two entity names are the same entity when their keys are equal (case, dots, a leading
//! "the" and a possessive "'s" do not count). A one-word person name ("Truss") is linked to
//! a full person name of the dump that ends in it ("Liz Truss") among those in the news within
//! the window around the article's month ([`in_window`]; the choice among them is
//! `catalog::Catalog`'s).

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

/// Whether a key is a short form that can stand for a longer person name: one word of at least
/// two letters ("baker"), or a surname's particles and its last word ("de clercq").
pub fn is_short_form(key: &str, is_particle: impl Fn(&str) -> bool) -> bool {
    let words: Vec<&str> = key.split(' ').collect();
    let Some((last, before)) = words.split_last() else {
        return false;
    };
    last.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && before.len() <= 2
        && before.iter().all(|w| is_particle(w))
}

/// The short forms a full person name's key can be shortened to: its last word, and its last
/// word with the particles before it ("willy de clercq": "clercq", "de clercq").
pub fn short_forms(key: &str, is_particle: impl Fn(&str) -> bool) -> Vec<String> {
    let words: Vec<&str> = key.split(' ').collect();
    let mut forms = Vec::new();
    if words.len() < 2 || !is_short_form(words[words.len() - 1], &is_particle) {
        return forms;
    }
    let mut start = words.len() - 1;
    forms.push(words[start].to_string());
    while start > 1 && is_particle(words[start - 1]) {
        start -= 1;
        forms.push(words[start..].join(" "));
    }
    forms
}

/// A key of three words or more with its middle initials dropped ("ivan f boesky" -> "ivan
/// boesky"), when it has any.
pub fn without_initials(key: &str) -> Option<String> {
    let words: Vec<&str> = key.split(' ').collect();
    if words.len() < 3 {
        return None;
    }
    let kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(i, w)| *i == 0 || *i == words.len() - 1 || w.chars().count() > 1)
        .map(|(_, w)| *w)
        .collect();
    (kept.len() < words.len()).then(|| kept.join(" "))
}

/// A month number (year * 12 + month - 1) from a UTC timestamp in microseconds.
pub fn month_of(micros: i64) -> Option<i32> {
    use chrono::Datelike;
    let d = chrono::DateTime::from_timestamp_micros(micros)?;
    Some(d.year() * 12 + d.month0() as i32)
}

/// The candidates in the news around `month`: those active within `month - window ..= month +
/// window`. The window widens (3 and 12 times) while no candidate is in it, so that a dump
/// with gaps still finds the nearest. Undated mentions (`None`) see the whole dump.
pub fn in_window(
    candidates: usize,
    month: Option<i32>,
    window: i32,
    active: impl Fn(usize, i32) -> bool,
) -> Vec<usize> {
    for width in [window, window * 3, window * 12] {
        let in_it = |i: usize| match month {
            Some(m) => (m - width..=m + width).any(|mm| active(i, mm)),
            None => true,
        };
        let found: Vec<usize> = (0..candidates).filter(|&i| in_it(i)).collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
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
        // A hyphenated surname stays one word: "White" is no short form of "Singleton-White".
        assert_ne!(name_key("Robin Leigh-Pemberton"), name_key("Robin Leigh Pemberton"));
        assert_eq!(name_key("Jo Johnson\u{2019}s"), "jo johnson");
        assert_ne!(name_key("Boris Johnson"), name_key("Jo Johnson"));
    }

    fn particle(w: &str) -> bool {
        matches!(w, "de" | "du" | "van" | "der")
    }

    #[test]
    fn short_forms_are_surnames_with_their_particles() {
        assert!(is_short_form("baker", particle));
        assert!(is_short_form("de clercq", particle));
        assert!(is_short_form("van der berg", particle));
        assert!(!is_short_form("liz truss", particle));
        assert!(!is_short_form("x", particle));
        assert_eq!(short_forms("james baker", particle), ["baker"]);
        assert_eq!(short_forms("willy de clercq", particle), ["clercq", "de clercq"]);
        assert!(short_forms("baker", particle).is_empty());
    }

    #[test]
    fn middle_initials_are_dropped_only_in_the_middle() {
        assert_eq!(without_initials("ivan f boesky").as_deref(), Some("ivan boesky"));
        assert_eq!(without_initials("george h w bush").as_deref(), Some("george bush"));
        assert_eq!(without_initials("j edgar hoover"), None);
        assert_eq!(without_initials("ivan boesky"), None);
    }

    #[test]
    fn the_window_holds_the_candidates_in_the_news_around_the_month() {
        // Candidate 0 is in the news in months 10..=12, candidate 1 in month 30.
        let active = |i: usize, m: i32| if i == 0 { (10..=12).contains(&m) } else { m == 30 };
        assert_eq!(in_window(2, Some(11), 1, active), [0]);
        assert_eq!(in_window(2, Some(29), 1, active), [1]);
        // Neither is in the news within a month of month 20; widened to 3 months, only
        // candidate 0 is: the nearest wins.
        assert_eq!(in_window(2, Some(15), 1, active), [0]);
        // Widened until both are in the window at once: both, for the catalog to choose.
        assert_eq!(in_window(2, Some(21), 1, active), [0, 1]);
        // A wide window sees both.
        assert_eq!(in_window(2, Some(20), 12, active), [0, 1]);
        // Undated mentions see the whole dump.
        assert_eq!(in_window(2, None, 1, active), [0, 1]);
        assert_eq!(in_window(1, None, 1, active), [0]);
    }

    #[test]
    fn months_count_from_year_zero() {
        // 2022-05-26T14:43:13Z
        assert_eq!(month_of(1_653_576_193_000_000), Some(2022 * 12 + 4));
    }
}

//! Article-level source facts: the wire agency credited (in the dateline, a closing credit,
//! "Reporting by" lines, bylines or metadata), the opening dateline and a "By ..." byline.

use std::sync::OnceLock;

use regex::Regex;

use crate::lexicon::Lexicon;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Credits {
    pub wire_agency: Option<String>,
    pub dateline: Option<String>,
    pub byline: Option<String>,
}

struct Patterns {
    dateline: Regex,
    byline: Regex,
    closing_credit: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        // "SEOUL, Oct. 3 (Yonhap) --", "WASHINGTON (AP) —", "NEW YORK, March 3 - ", and
        // "NEW DELHI (PTI) The ..." where the credit stands without a dash.
        dateline: Regex::new(
            r"^\s*((?:[A-Z][A-Z.'\-]+)(?:\s[A-Z][A-Z.'\-]+){0,3}(?:,\s[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?)(?:,\s((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2}))?\s*(?:\(([^)]{1,40})\)\s*(?:(?:--|—|–|-)\s)?|(?:--|—|–|-)\s)",
        )
        .expect("dateline pattern"),
        byline: Regex::new(r"^\s*By\s+([A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}(?:\s*(?:,|and)\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3})*)\s*$")
            .expect("byline pattern"),
        closing_credit: Regex::new(r"(?:\(([A-Za-z][A-Za-z .\-]{1,30})\)|(?:—|–|--|-)\s*([A-Za-z][A-Za-z .\-]{1,30}?))\s*\.?\s*$")
            .expect("closing credit pattern"),
    })
}

/// Finds the credits in the normalized text; `meta_byline` and `outlet` come from metadata.
pub fn extract(text: &str, meta_byline: Option<&str>, outlet: Option<&str>, lex: &Lexicon) -> Credits {
    let p = patterns();
    let mut credits = Credits::default();
    // A "By Jane Doe" line may come before the dateline.
    let opening = match text.split_once('\n') {
        Some((first, rest)) if p.byline.is_match(first) => rest.trim_start(),
        _ => text,
    };
    if let Some(c) = p.dateline.captures(opening) {
        let place = c.get(1).map(|m| m.as_str().trim().to_string());
        credits.dateline = match (place, c.get(2)) {
            (Some(place), Some(date)) => Some(format!("{place}, {}", date.as_str())),
            (place, _) => place,
        };
        credits.wire_agency = c.get(3).and_then(|m| lex.wire_agency(m.as_str()).map(str::to_string));
    }
    if credits.wire_agency.is_none() {
        let head: String = text.chars().take(300).collect();
        credits.wire_agency = paren_agency(&head, lex);
    }
    if credits.wire_agency.is_none() {
        let tail_start = text.char_indices().rev().nth(400).map_or(0, |(i, _)| i);
        let tail = &text[tail_start..];
        if tail.contains("Reporting by") || tail.contains("Editing by") {
            credits.wire_agency = Some("Reuters".into());
        } else if tail.contains("Associated Press writer") {
            credits.wire_agency = Some("AP".into());
        } else if let Some(c) = p.closing_credit.captures(tail.trim_end()) {
            let credit = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            credits.wire_agency = lex.wire_agency(credit).map(str::to_string);
        }
    }
    if credits.wire_agency.is_none() {
        credits.wire_agency = [meta_byline, outlet]
            .into_iter()
            .flatten()
            // A byline can list several credits: "Jane Doe, Associated Press".
            .find_map(|m| m.split(',').find_map(|part| lex.wire_agency(part)))
            .map(str::to_string);
    }
    credits.byline = meta_byline.map(str::to_string).or_else(|| {
        text.lines().take(3).find_map(|line| {
            p.byline
                .captures(line)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string())
        })
    });
    credits
}

fn paren_agency(head: &str, lex: &Lexicon) -> Option<String> {
    let mut rest = head;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let close = after.find(')')?;
        if let Some(a) = lex.wire_agency(&after[..close]).map(str::to_string) {
            return Some(a);
        }
        rest = &after[close..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credits(text: &str) -> Credits {
        extract(text, None, None, Lexicon::get())
    }

    #[test]
    fn dateline_with_date_and_agency() {
        let c = credits("SEOUL, Oct. 3 (Yonhap) -- North Korea fired a missile.");
        assert_eq!(c.dateline.as_deref(), Some("SEOUL, Oct. 3"));
        assert_eq!(c.wire_agency.as_deref(), Some("Yonhap"));
        let c = credits("WASHINGTON (AP) \u{2014} The Senate voted.");
        assert_eq!(c.dateline.as_deref(), Some("WASHINGTON"));
        assert_eq!(c.wire_agency.as_deref(), Some("AP"));
    }

    #[test]
    fn closing_credits_name_the_agency() {
        assert_eq!(
            credits("The vote passed.\n\n(Reporting by Jane Doe; Editing by John Roe)")
                .wire_agency
                .as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            credits("The vote passed. \u{2014} AFP").wire_agency.as_deref(),
            Some("AFP")
        );
        assert_eq!(credits("Plain local story with no credit.").wire_agency, None);
    }

    #[test]
    fn byline_line_at_the_top() {
        assert_eq!(
            credits("By Jane Doe and Sam Roe\n\nThe council met.").byline.as_deref(),
            Some("Jane Doe and Sam Roe")
        );
    }
}

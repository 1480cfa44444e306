//! Property tests of the whole per-article step on random text: whatever the mix of letters,
//! quotation marks, capitals, dashes and line breaks, extraction does not panic, and every
//! offset it writes is in range and slices the original text back to the row's own string.

use proptest::prelude::*;

use crate::extract::entities::EntityTagger;
use crate::input::{Article, RecordPos};
use crate::lexicon::Lexicon;
use crate::process_article_with;

/// Pieces news text is made of, and the marks and breaks that trip rules up.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{1,9}",
        3 => "[A-Z][a-z]{0,8}",
        1 => "[A-Z]{2,6}",
        1 => "[àéîõüßçñ]{1,3}[a-z]{0,4}",
        2 => prop::sample::select(vec![
            " ", " ", " ", "  ", ", ", ". ", "? ", "! ", ": ", "; ", "\n", "\n\n", "\r\n", "\t",
            "\"", "'", "\u{201c}", "\u{201d}", "\u{2018}", "\u{2019}", "\u{ab}", "\u{bb}", "\u{201e}",
            "''", "``", " -- ", " - ", "\u{2014}", "\u{2013}", "(", ")", "[", "]", "...", "\u{2026}",
            " said ", " told ", " according to ", " he said", " she added", " Mr. ", " Dr ", " U.S. ",
            "\u{a0}", "\u{200b}", "\u{301}", "\u{1f600}", "&amp;", "<p>", "0", "1,200",
        ])
        .prop_map(str::to_string),
    ]
}

fn article_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..160).prop_map(|pieces| pieces.concat())
}

/// `text[start..end)` in code points, or `None` if the range is out of order or past the end.
fn slice_cp(text: &str, start: u32, end: u32) -> Option<String> {
    let n = text.chars().count() as u32;
    (start <= end && end <= n).then(|| text.chars().skip(start as usize).take((end - start) as usize).collect())
}

fn check(text: &str, tagger: EntityTagger) -> Result<(), TestCaseError> {
    let pos = RecordPos {
        source_file: "prop".into(),
        record_no: 0,
        byte_offset: None,
    };
    let article = Article::from_text(pos, Some("p".into()), text.to_string());
    let rows = process_article_with(&article, Lexicon::get(), tagger);
    for q in &rows.quotes {
        let whole = slice_cp(text, q.start, q.end);
        prop_assert!(whole.is_some(), "quote {}..{} outside {:?}", q.start, q.end, text);
        prop_assert!(whole.unwrap_or_default().contains(q.text.as_str()), "{q:?}");
        if let (Some(s), Some(e)) = (q.speaker_start, q.speaker_end) {
            prop_assert_eq!(slice_cp(text, s, e), q.speaker.clone(), "speaker of {:?}", q);
        }
        if let (Some(s), Some(e)) = (q.cue_start, q.cue_end) {
            prop_assert_eq!(slice_cp(text, s, e), q.cue.clone(), "cue of {:?}", q);
        }
    }
    for m in &rows.mentions {
        prop_assert_eq!(slice_cp(text, m.start, m.end), Some(m.text.clone()), "mention {:?}", m);
    }
    for s in &rows.sources {
        prop_assert!(slice_cp(text, s.first_start, s.first_start).is_some(), "source {:?}", s);
    }
    prop_assert_eq!(rows.article.n_chars as usize, text.chars().count());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn extraction_never_panics_and_offsets_slice_back(text in article_text()) {
        check(&text, EntityTagger::Statistical)?;
        check(&text, EntityTagger::Rules)?;
    }

    /// The same pieces as one long paragraph with no full stop, past the sentence bound, so
    /// that sentences are read as pieces.
    #[test]
    fn over_long_sentences_keep_offsets(pieces in prop::collection::vec(piece(), 300..600)) {
        let text: String = pieces.concat().replace(['.', '!', '?', '\n'], " ");
        check(&text, EntityTagger::Statistical)?;
    }
}

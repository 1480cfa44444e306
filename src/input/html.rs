//! HTML pages into articles: charset sniffing, boilerplate removal, main-body extraction and
//! metadata (JSON-LD, OpenGraph, `<meta>`, `<time>`). The body is found by dom_smoothie's port of
//! Readability; around it this module removes what Readability tends to keep in news pages
//! (captions, photo credits, bylines and timestamps, related-story rails) and what it reads as
//! text but is not body (breadcrumbs, "Image 1 of 8").

use std::sync::LazyLock;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use encoding_rs::Encoding;
use regex::Regex;

use super::dates::parse_timestamp_us;

/// What is known of a page before it is parsed (from the WARC record and its HTTP headers).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageHints {
    pub url: Option<String>,
    /// `charset` of the HTTP `Content-Type` header.
    pub http_charset: Option<String>,
    /// Microseconds since the epoch; used when the page states no date of its own.
    pub fallback_published: Option<i64>,
    /// The record's own id (`WARC-Record-ID`).
    pub id: Option<String>,
}

/// An article extracted from one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<i64>,
    pub language: Option<String>,
    pub url: Option<String>,
}

/// Decodes page bytes: a byte-order mark first, then the HTTP header's charset, then a
/// `<meta charset>` in the first 4 KiB, then statistical detection.
pub fn decode(raw: &[u8], http_charset: Option<&str>) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(raw) {
        return encoding.decode_without_bom_handling(&raw[bom_len..]).0.into_owned();
    }
    let declared = http_charset
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .or_else(|| meta_charset(&raw[..raw.len().min(4096)]));
    let encoding = declared.unwrap_or_else(|| {
        if std::str::from_utf8(raw).is_ok() {
            encoding_rs::UTF_8
        } else {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(raw, true);
            detector.guess(None, true)
        }
    });
    encoding.decode_without_bom_handling(raw).0.into_owned()
}

fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    static META: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        regex::bytes::Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)"#).expect("valid regex")
    });
    let label = META.captures(head)?.get(1)?.as_bytes();
    // A page that declares UTF-16 in its markup is read as ASCII-compatible, as browsers do.
    Encoding::for_label(label).map(|e| e.output_encoding())
}

/// Elements removed before the body is searched for, in one selector so the tree is walked
/// once. They are only removed when they are not themselves article containers (see
/// [`strip_boilerplate`]).
const BOILERPLATE: &str = "figcaption, figure, aside, form, \
    [class*=caption], [class*=credit], [class*=byline], [class*=timestamp], [class*=related], \
    [class*=comment], [id*=comment], [id*=related]";
/// An element holding this many paragraphs is a container the class matched by accident
/// ("comments-enabled article"), not a piece of boilerplate.
const CONTAINER_PARAGRAPHS: usize = 4;

fn strip_boilerplate(doc: &Document) {
    for node in doc.select(BOILERPLATE).nodes() {
        let name = node.node_name().unwrap_or_default();
        if matches!(&*name, "html" | "body" | "main" | "article") {
            continue;
        }
        let holder = dom_query::Selection::from(*node);
        if holder.select("p").length() < CONTAINER_PARAGRAPHS {
            node.remove_from_parent();
        }
    }
}

/// Lines Readability keeps inside the body that are page furniture, not article text.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:updated|posted|published|last\ updated)\b.{0,60}\d.{0,40}
          | (?:photo|image|picture|file\ photo|credit)\s*(?:\d+\s*)?[:|/].{0,120}
          | image\s+\d+\s+(?:of\s*/?\s*\d*)?
          | \d+\s+of\s+\d+
          | caption | close | advertisement | continue\ reading | read\ more | share | share\ this | related
          | (?:[\w&'\-]+\ ){0,3}[\w&'\-]+\s*>\s*(?:[\w&'\-]+\ ){0,3}[\w&'\-]+
        )\s*$",
    )
    .expect("valid regex")
});

/// Joins the extracted text into paragraphs separated by one blank line, dropping furniture.
fn clean_text(formatted: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    for block in formatted.split("\n\n") {
        let lines: Vec<&str> = block
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !FURNITURE.is_match(l))
            .collect();
        if !lines.is_empty() {
            paragraphs.push(lines.join("\n"));
        }
    }
    paragraphs.join("\n\n")
}

/// Where pages state their publication date when Readability's metadata (JSON-LD, OpenGraph
/// `article:published_time`) does not have it, most specific first.
const DATE_SOURCES: &[(&str, &str)] = &[
    ("[itemprop~=datePublished]", "content"),
    ("[itemprop~=datePublished]", "datetime"),
    (
        "meta[name=pubdate], meta[name=publishdate], meta[name=publish-date]",
        "content",
    ),
    ("meta[name='parsely-pub-date'], meta[name='sailthru.date']", "content"),
    (
        "meta[name='DC.date.issued'], meta[name='dc.date'], meta[name=date]",
        "content",
    ),
    ("article time[datetime]", "datetime"),
    ("time[datetime]", "datetime"),
];

fn page_date(doc: &Document) -> Option<i64> {
    let all: Vec<&str> = DATE_SOURCES.iter().map(|(selector, _)| *selector).collect();
    let candidates = doc.select(&all.join(", "));
    DATE_SOURCES.iter().find_map(|(selector, attr)| {
        candidates
            .iter()
            .filter(|node| node.is(selector))
            .find_map(|node| node.attr(attr).and_then(|v| parse_timestamp_us(v.trim())))
    })
}

/// The page's language when `<html lang>` does not give it: `Content-Language`, OpenGraph's
/// locale ("en_GB" gives "en-GB"), or JSON-LD's `inLanguage`.
fn page_language(doc: &Document) -> Option<String> {
    let meta = doc
        .select("meta[http-equiv='content-language' i], meta[property='og:locale'], meta[name='language']")
        .iter()
        .find_map(|m| m.attr("content").map(|c| c.trim().replace('_', "-")))
        .filter(|c| !c.is_empty());
    meta.or_else(|| {
        static IN_LANGUAGE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r#""inLanguage"\s*:\s*"([A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?)""#).expect("valid regex")
        });
        doc.select("script[type='application/ld+json']")
            .iter()
            .find_map(|s| IN_LANGUAGE.captures(&s.text()).map(|c| c[1].replace('_', "-")))
    })
}

/// "By Jane Doe" → "Jane Doe"; a bare "By" is no byline.
fn strip_by(byline: &str) -> &str {
    let trimmed = byline.trim();
    match trimmed.get(..3) {
        Some(head) if head.eq_ignore_ascii_case("by ") => trimmed[3..].trim(),
        _ if trimmed.eq_ignore_ascii_case("by") => "",
        _ => trimmed,
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|v| !v.is_empty())
}

/// Runs Readability on a parsed page, boilerplate stripped first or not.
fn readable(doc: Document, url: Option<&str>) -> Option<(dom_smoothie::Article, String)> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let article = Readability::with_document(doc, url, Some(config)).ok()?.parse().ok()?;
    let text = clean_text(&article.text_content);
    (!text.is_empty()).then_some((article, text))
}

/// Elements whose content is never article text, pruned from the bytes before parsing: in news
/// pages they are over half of the HTML. The first four hold raw text (their end tag is the
/// first `</name`); the others may nest and are matched by depth.
const PRUNED: &[&[u8]] = &[
    b"script",
    b"style",
    b"svg",
    b"template",
    b"nav",
    b"footer",
    b"noscript",
    b"iframe",
    b"select",
];
const RAW_TEXT: usize = 4;

fn starts_with_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.len() >= needle.len() && haystack[..needle.len()].eq_ignore_ascii_case(needle)
}

/// `bytes` starts with the tag name `name` followed by a delimiter.
fn is_tag_name(bytes: &[u8], name: &[u8]) -> bool {
    starts_with_ignore_case(bytes, name)
        && bytes
            .get(name.len())
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
}

/// Where the element whose start tag ends at `from` in `rest` ends (just past its end tag).
fn element_end(rest: &[u8], from: usize, name: &[u8], nests: bool) -> Option<usize> {
    let mut depth = 1;
    let mut at = from;
    while let Some(i) = memchr::memchr(b'<', &rest[at..]) {
        let tag = at + i + 1;
        if rest.get(tag) == Some(&b'/') && is_tag_name(&rest[tag + 1..], name) {
            depth -= 1;
            if depth == 0 {
                return Some(memchr::memchr(b'>', &rest[tag..]).map_or(rest.len(), |j| tag + j + 1));
            }
        } else if nests && is_tag_name(&rest[tag..], name) {
            depth += 1;
        }
        at = tag;
    }
    None
}

/// Removes comments and the [`PRUNED`] elements (JSON-LD scripts are kept: they carry the
/// metadata) without parsing. An element with no end tag is kept as it is.
///
/// Linear in the page: a search for an end that fails reaches the end of the page, so it is
/// not made again for the same kind of element (a page of thousands of unclosed `<nav>` or
/// `<!--` would otherwise be searched to its end from each of them).
fn prune(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut copied = 0;
    let mut at = 0;
    let mut comment_unclosed = false;
    let mut unclosed = [false; PRUNED.len()];
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let open = at + found;
        let rest = &bytes[open + 1..];
        let mut end = None;
        if rest.starts_with(b"!--") {
            if !comment_unclosed {
                end = memchr::memmem::find(&rest[3..], b"-->").map(|i| open + 1 + 3 + i + 3);
                comment_unclosed = end.is_none();
            }
        } else if let Some(index) = PRUNED
            .iter()
            .position(|n| is_tag_name(rest, n))
            .filter(|&i| !unclosed[i])
        {
            let name = PRUNED[index];
            let tag_end = memchr::memchr(b'>', rest).map_or(rest.len(), |i| i + 1);
            let tag = &rest[..tag_end];
            let json_ld = name == b"script" && memchr::memmem::find(&tag.to_ascii_lowercase(), b"ld+json").is_some();
            if !json_ld {
                end = element_end(rest, tag_end, name, index >= RAW_TEXT).map(|e| open + 1 + e);
                unclosed[index] = end.is_none();
            }
        }
        match end {
            Some(end) => {
                out.push_str(&html[copied..open]);
                copied = end;
                at = end;
            }
            None => at = open + 1,
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// A start tag longer than this keeps only its name: the HTML parser checks each attribute
/// against the tag's others, so a tag of 100,000 attributes costs it their square.
const MAX_TAG_BYTES: usize = 16 * 1024;
/// Elements nested deeper than this lose their tags (their text stays): the parser and the
/// selectors walk the open elements or a node's ancestors at every element, so a page nested
/// 10,000 deep costs them the square of its depth. News pages nest a few dozen deep.
const MAX_DEPTH: usize = 256;

/// Elements that are never closed (void) or whose end tag is usually left out: they do not
/// count as nesting.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rb",
    "rt", "rp", "html", "head", "body", "image", "keygen", "command", "basefont", "frame", "isindex",
];

/// Bounds what the HTML parser is given, in one pass over the bytes: start tags over
/// [`MAX_TAG_BYTES`] keep only their name, and tags nested past [`MAX_DEPTH`] are dropped.
/// Ordinary pages come back unchanged.
fn bound_markup(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let open = at + found;
        at = open + 1;
        let closing = bytes.get(at) == Some(&b'/');
        let name_start = at + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        let end = tag_end(bytes, name_start + name_len);
        at = end;
        let self_closing = bytes[..end].ends_with(b"/>");
        let nests = !self_closing && !NOT_NESTING.iter().any(|n| n.eq_ignore_ascii_case(name));
        let replacement = if closing {
            let deep = nests && depth > MAX_DEPTH;
            if nests {
                depth = depth.saturating_sub(1);
            }
            deep.then(String::new)
        } else {
            if nests {
                depth += 1;
            }
            if nests && depth > MAX_DEPTH {
                Some(String::new())
            } else {
                (end - open > MAX_TAG_BYTES).then(|| format!("<{name}{}>", if self_closing { "/" } else { "" }))
            }
        };
        if let Some(replacement) = replacement {
            if out.is_empty() {
                out.reserve(html.len());
            }
            out.push_str(&html[copied..open]);
            out.push_str(&replacement);
            copied = end;
        }
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Just past the `>` that ends the tag whose attributes start at `from` (a `>` inside a
/// quoted attribute value does not end it), or the end of the page.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return i + 1,
            q @ (b'"' | b'\'') if i > from && bytes[..i].trim_ascii_end().ends_with(b"=") => {
                i = memchr::memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |j| i + 1 + j + 1);
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The last resort for pages Readability gives up on: every paragraph of the page.
fn all_paragraphs(doc: &Document) -> String {
    let paragraphs: Vec<String> = doc
        .select("body p")
        .iter()
        .map(|p| p.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    clean_text(&paragraphs.join("\n\n"))
}

/// Extracts the article of one decoded page. Fails when the page has no text body at all.
pub fn extract(html: &str, hints: &PageHints) -> Result<Page, String> {
    let url = hints
        .url
        .as_deref()
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let pruned = prune(html);
    let html = bound_markup(&pruned);
    let doc = Document::from(html.as_ref());
    let page_date = page_date(&doc);
    let page_language = page_language(&doc);
    strip_boilerplate(&doc);
    // Stripping can remove a container whose class only looks like boilerplate; the page is
    // then read again as it is.
    let found = readable(doc, url).or_else(|| readable(Document::from(html.as_ref()), url));
    let (article, text) = match found {
        Some(found) => found,
        None => {
            let doc = Document::from(html.as_ref());
            let text = all_paragraphs(&doc);
            if text.is_empty() {
                return Err("no article body found in the page (no paragraph text)".into());
            }
            let readability = Readability::with_document(doc, url, None).map_err(|e| e.to_string())?;
            let meta = readability.get_article_metadata(readability.parse_json_ld());
            let article = dom_smoothie::Article {
                title: meta.title,
                byline: meta.byline,
                content: Default::default(),
                text_content: Default::default(),
                length: text.len(),
                excerpt: None,
                site_name: meta.site_name,
                dir: meta.dir,
                lang: meta.lang,
                published_time: meta.published_time,
                modified_time: meta.modified_time,
                image: None,
                favicon: None,
                url: meta.url,
            };
            (article, text)
        }
    };
    let published = article
        .published_time
        .as_deref()
        .and_then(parse_timestamp_us)
        .or(page_date)
        .or(hints.fallback_published);
    Ok(Page {
        text,
        title: non_empty(Some(article.title)),
        byline: non_empty(article.byline.map(|b| strip_by(&b).to_string())),
        outlet: non_empty(article.site_name),
        published,
        language: non_empty(article.lang).or(page_language),
        url: hints.url.clone().or_else(|| non_empty(article.url)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str, head: &str) -> String {
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>"
        )
    }

    const PARAGRAPHS: &str = "<p>The harbour board voted on Tuesday to close the north pier for repairs, a decision \
        that fishermen in the town had feared for months and that will move the morning catch to the south quay.</p>\
        <p>\"We will lose two hours a day,\" said Maren Olsen, who has fished from the pier for thirty years. \
        The board said the work would take until spring and cost about four million crowns.</p>\
        <p>Engineers found cracks in three of the pier's concrete supports during an inspection in the summer, \
        according to a report the board published last week.</p>";

    #[test]
    fn markup_past_the_bounds_is_flattened_and_its_text_kept() {
        // An ordinary page is given to the parser as it is.
        let ordinary = page(&format!("<article><div class=\"a>b\">{PARAGRAPHS}</div></article>"), "");
        assert_eq!(bound_markup(&ordinary), ordinary);
        // A tag of 50,000 attributes keeps its name; the paragraph after it is read.
        let attrs: String = (0..50_000).map(|i| format!(" data-{i}=\"x>y\"")).collect();
        let wide = page(&format!("<article><div{attrs}>{PARAGRAPHS}</div></article>"), "");
        let bounded = bound_markup(&wide);
        assert!(
            bounded.contains("<article><div><p>The harbour board"),
            "{}",
            &bounded[..200]
        );
        // 10,000 nested elements: past the bound their tags go, their text stays.
        let deep = page(
            &format!(
                "<article>{}{PARAGRAPHS}{}</article>",
                "<div><span>".repeat(5_000),
                "</span></div>".repeat(5_000)
            ),
            "",
        );
        let bounded = bound_markup(&deep);
        // (`<article>` is the first level.)
        assert_eq!(
            bounded.matches("<div>").count() + bounded.matches("<span>").count(),
            MAX_DEPTH - 1
        );
        assert_eq!(
            bounded.matches("</div>").count() + bounded.matches("</span>").count(),
            MAX_DEPTH - 1
        );
        for html in [wide, deep] {
            let text = extract(&html, &PageHints::default()).expect("a body").text;
            assert!(text.contains("said Maren Olsen"), "{text}");
        }
    }

    #[test]
    fn unclosed_pruned_elements_and_comments_are_kept_as_they_are() {
        let unclosed = "<nav><!-- a <style>".repeat(2_000);
        let html = format!("{unclosed}<p>Text.</p><script>var a = 1;</script><p>More.</p>");
        assert_eq!(prune(&html), format!("{unclosed}<p>Text.</p><p>More.</p>"));
    }

    #[test]
    fn comments_related_links_and_captions_stay_out_of_the_body() {
        let body = format!(
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
             <article><h1>Pier to close</h1><figure><img src='p.jpg'><figcaption>The north pier at dawn. Photo: Ane Berg</figcaption></figure>\
             {PARAGRAPHS}<blockquote><p>The pier has served this town for a hundred and twelve years, and it will serve it again.</p></blockquote></article>\
             <div class='related-stories'><h3>Related</h3><ul><li><a href='/a'>Ferry timetable changes for winter season</a></li>\
             <li><a href='/b'>Council approves new fish market plans after long debate</a></li></ul></div>\
             <section id='comments'><p>Comment by reader42: this is a disgrace and the board should resign.</p></section>"
        );
        let got = extract(&page(&body, "<title>Pier to close</title>"), &PageHints::default()).expect("a body");
        assert!(got.text.contains("We will lose two hours a day"), "{}", got.text);
        assert!(got.text.contains("according to a report the board published"));
        for leak in ["reader42", "Ferry timetable", "fish market", "Photo: Ane Berg", "Home"] {
            assert!(!got.text.contains(leak), "{leak} leaked into {}", got.text);
        }
        assert!(
            got.text.contains("served this town for a hundred and twelve years"),
            "block quote kept: {}",
            got.text
        );
        assert_eq!(got.text.matches("\n\n").count(), 3, "four paragraphs: {}", got.text);
        assert_eq!(got.language.as_deref(), Some("en"));
    }

    #[test]
    fn json_ld_gives_date_and_author() {
        let head = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Pier to close","datePublished":"2026-03-04T08:15:00+01:00",
            "author":{"@type":"Person","name":"Ane Berg"},"publisher":{"@type":"Organization","name":"Harbour Times"}}</script>"#;
        let got = extract(
            &page(&format!("<article>{PARAGRAPHS}</article>"), head),
            &PageHints::default(),
        )
        .expect("a body");
        assert_eq!(got.byline.as_deref(), Some("Ane Berg"));
        assert_eq!(got.published, parse_timestamp_us("2026-03-04T07:15:00Z"));
        assert_eq!(got.title.as_deref(), Some("Pier to close"));
    }

    #[test]
    fn language_from_meta_or_json_ld_when_html_has_no_lang() {
        let body = format!("<article>{PARAGRAPHS}</article>");
        let plain = |head: &str| format!("<html><head>{head}</head><body>{body}</body></html>");
        let og = extract(
            &plain(r#"<meta property="og:locale" content="en_GB">"#),
            &PageHints::default(),
        )
        .expect("a body");
        assert_eq!(og.language.as_deref(), Some("en-GB"));
        let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","inLanguage":"de"}</script>"#;
        let got = extract(&plain(ld), &PageHints::default()).expect("a body");
        assert_eq!(got.language.as_deref(), Some("de"));
        assert_eq!(
            extract(&plain(""), &PageHints::default()).expect("a body").language,
            None
        );
    }

    #[test]
    fn time_element_then_fallback_date() {
        let with_time = format!("<article><time datetime='2025-12-01T10:00:00Z'>1 Dec</time>{PARAGRAPHS}</article>");
        let hints = PageHints {
            fallback_published: parse_timestamp_us("2020-01-01T00:00:00Z"),
            ..Default::default()
        };
        let got = extract(&page(&with_time, ""), &hints).expect("a body");
        assert_eq!(got.published, parse_timestamp_us("2025-12-01T10:00:00Z"));
        let without = extract(&page(&format!("<article>{PARAGRAPHS}</article>"), ""), &hints).expect("a body");
        assert_eq!(without.published, hints.fallback_published);
    }

    #[test]
    fn charset_from_header_meta_or_detection() {
        let text = "<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\u{e9} na\u{ef}ve \u{2014} \u{201c}quoted\u{201d}</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert!(decode(&bytes, None).contains("Caf\u{e9} na\u{ef}ve \u{2014} \u{201c}quoted\u{201d}"));
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("<p>Gr\u{fc}\u{df}e aus M\u{fc}nchen</p>");
        assert!(decode(&latin, Some("ISO-8859-1")).contains("Gr\u{fc}\u{df}e aus M\u{fc}nchen"));
        let (koi, _, _) = encoding_rs::KOI8_R.encode("<p>Москва сегодня объявила о новых мерах поддержки</p>");
        assert!(decode(&koi, Some("koi8-r")).contains("Москва"));
        assert_eq!(decode("<p>plain ütf-8</p>".as_bytes(), None), "<p>plain ütf-8</p>");
    }

    #[test]
    fn scripts_styles_and_comments_are_pruned_before_parsing() {
        let html = "<head><SCRIPT>var a = '<p>not text</p>';</script><script type=\"application/ld+json\">{\"a\":1}</script>\
                    <style>p { color: red }</style></head><body><!-- <p>hidden</p> --><p>kept</p><svg><text>logo</text></svg>\
                    <p>also kept</p><nav><ul><li><nav>inner</nav></li></ul><p>menu</p></nav><p>after</p><script>unterminated";
        assert_eq!(
            prune(html),
            "<head><script type=\"application/ld+json\">{\"a\":1}</script></head><body><p>kept</p><p>also kept</p><p>after</p><script>unterminated"
        );
    }

    #[test]
    fn furniture_lines_are_dropped() {
        let cleaned = clean_text("News > Nation\nUPDATED: Tue., Nov. 19, 2019\n\nA real sentence here.\nImage 1 of 8\n\nPhoto: Jo Doe, AP\n\nLast one.");
        assert_eq!(cleaned, "A real sentence here.\n\nLast one.");
    }
}

//! Normalization with an offset map: curly and angle quotation marks become straight ones,
//! non-breaking and other Unicode spaces become spaces, HTML entities are decoded and `\r`
//! dropped. Every byte of the normalized text remembers the byte of the original it came from,
//! so spans found in the normalized text map back to the text exactly as given.

/// Which way a normalized `"` or `'` faced in the original, when the original said so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkDirection {
    Open,
    Close,
}

#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// `to_original[i]` is the original byte offset of normalized byte `i`; one extra entry
    /// maps the end of the text.
    to_original: Vec<u32>,
    /// Normalized byte offsets of quotation marks whose original form showed a direction.
    directed_marks: Vec<(u32, MarkDirection)>,
}

impl Normalized {
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut to_original = Vec::with_capacity(original.len() + 1);
        let mut directed_marks = Vec::new();
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < original.len() {
            // Most of a text is ASCII that stays as it is: copy it a run at a time.
            let plain = bytes[i..].iter().position(|&b| !is_plain(b)).unwrap_or(bytes.len() - i);
            if plain > 0 {
                text.push_str(&original[i..i + plain]);
                to_original.extend(i as u32..(i + plain) as u32);
                i += plain;
                continue;
            }
            let ch = match original[i..].chars().next() {
                Some(c) => c,
                None => break,
            };
            let (decoded, consumed) = if ch == '&' {
                decode_entity(&bytes[i..]).unwrap_or((ch, 1))
            } else if bytes[i..].starts_with(b"''") && !bytes[i..].starts_with(b"'''") {
                // Doubled apostrophes and backticks are quotation marks in some dumps.
                ('\u{2033}', 2)
            } else if bytes[i..].starts_with(b"``") {
                ('\u{201C}', 2)
            } else {
                (ch, ch.len_utf8())
            };
            let (out, direction) = normalize_char(decoded);
            if let Some(out) = out {
                if let Some(dir) = direction {
                    directed_marks.push((text.len() as u32, dir));
                }
                for _ in 0..out.len_utf8() {
                    to_original.push(i as u32);
                }
                text.push(out);
            }
            i += consumed;
        }
        to_original.push(original.len() as u32);
        Normalized {
            text,
            to_original,
            directed_marks,
        }
    }

    /// The original byte offset of a normalized byte offset (`0..=text.len()`).
    pub fn original_offset(&self, normalized: usize) -> usize {
        self.to_original[normalized.min(self.to_original.len() - 1)] as usize
    }

    /// The direction a quotation mark at `normalized` had in the original, if it had one.
    pub fn mark_direction(&self, normalized: usize) -> Option<MarkDirection> {
        self.directed_marks
            .binary_search_by_key(&(normalized as u32), |(p, _)| *p)
            .ok()
            .map(|i| self.directed_marks[i].1)
    }
}

/// An ASCII byte that normalization keeps as it is, whatever follows it.
fn is_plain(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'&' | b'\'' | b'`' | b'\t' | b'\r')
}

fn normalize_char(c: char) -> (Option<char>, Option<MarkDirection>) {
    use MarkDirection::*;
    match c {
        '\u{201C}' | '\u{201E}' | '\u{00AB}' => (Some('"'), Some(Open)),
        '\u{201D}' | '\u{00BB}' => (Some('"'), Some(Close)),
        '\u{201F}' | '\u{2033}' => (Some('"'), None),
        '\u{2018}' | '\u{201A}' | '\u{2039}' => (Some('\''), Some(Open)),
        '\u{2019}' | '\u{203A}' => (Some('\''), Some(Close)),
        '\u{201B}' | '\u{2032}' => (Some('\''), None),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => (Some(' '), None),
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\r' => (None, None),
        other => (Some(other), None),
    }
}

/// Decodes one HTML entity at the start of `bytes`: the character and the bytes it took.
fn decode_entity(bytes: &[u8]) -> Option<(char, usize)> {
    let end = bytes.iter().take(12).position(|&b| b == b';')?;
    let name = std::str::from_utf8(&bytes[1..end]).ok()?;
    let ch = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        match name {
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            "lt" => '<',
            "gt" => '>',
            "nbsp" => ' ',
            "ldquo" => '\u{201C}',
            "rdquo" => '\u{201D}',
            "lsquo" => '\u{2018}',
            "rsquo" => '\u{2019}',
            "laquo" => '\u{00AB}',
            "raquo" => '\u{00BB}',
            "mdash" => '\u{2014}',
            "ndash" => '\u{2013}',
            "hellip" => '\u{2026}',
            _ => return None,
        }
    };
    Some((ch, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_quotes_become_straight_and_map_back() {
        let original = "He said \u{201C}no\u{201D} twice.";
        let n = Normalized::new(original);
        assert_eq!(n.text, "He said \"no\" twice.");
        let open = n.text.find('"').expect("mark");
        assert_eq!(n.mark_direction(open), Some(MarkDirection::Open));
        let close = n.text.rfind('"').expect("mark");
        assert_eq!(n.mark_direction(close), Some(MarkDirection::Close));
        // The span of the quote, mapped back, slices the original with its curly marks.
        let (s, e) = (n.original_offset(open), n.original_offset(close + 1));
        assert_eq!(&original[s..e], "\u{201C}no\u{201D}");
    }

    #[test]
    fn entities_and_spaces_are_decoded() {
        let original = "Tom&amp;Jerry&nbsp;&#8220;hi&#x201D; a\u{00A0}b\r\n";
        let n = Normalized::new(original);
        assert_eq!(n.text, "Tom&Jerry \"hi\" a b\n");
        let amp = n.text.find('&').expect("amp");
        assert_eq!(&original[n.original_offset(amp)..n.original_offset(amp + 1)], "&amp;");
    }

    #[test]
    fn lone_ampersand_stays() {
        assert_eq!(Normalized::new("AT&T & co").text, "AT&T & co");
    }
}

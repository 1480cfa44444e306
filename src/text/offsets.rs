//! Byte offsets to Unicode code point offsets (Python `str` indices), the unit the tables use.
//! Conversion happens once, at the table boundary.

pub struct CodepointIndex {
    /// For non-ASCII text: code point index of every byte offset `0..=len`.
    map: Option<Vec<u32>>,
}

impl CodepointIndex {
    pub fn new(text: &str) -> CodepointIndex {
        if text.is_ascii() {
            return CodepointIndex { map: None };
        }
        let mut map = Vec::with_capacity(text.len() + 1);
        let mut cp = 0u32;
        for ch in text.chars() {
            for _ in 0..ch.len_utf8() {
                map.push(cp);
            }
            cp += 1;
        }
        map.push(cp);
        CodepointIndex { map: Some(map) }
    }

    pub fn cp(&self, byte: usize) -> u32 {
        match &self.map {
            None => byte as u32,
            Some(map) => map[byte.min(map.len() - 1)],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_points_not_bytes() {
        let text = "é “a” b";
        let idx = CodepointIndex::new(text);
        let b = text.find('b').expect("b");
        assert_eq!(idx.cp(b), 6);
        assert_eq!(idx.cp(text.len()), text.chars().count() as u32);
        assert_eq!(CodepointIndex::new("abc").cp(2), 2);
    }
}

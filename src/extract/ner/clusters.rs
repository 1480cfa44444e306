//! Word clusters learned from unlabelled news: each word's path in a binary tree of clusters
//! (`data/models/clusters.tsv`, built by `scripts/build_clusters.py`). The tagger reads prefixes
//! of the path as features, which carry to names the labelled data never saw: a 2022 surname
//! shares its cluster with surnames the 1996 training text does have.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::hash_str;
use crate::lexicon::data;

/// The prefix lengths read as features: coarse ones group word classes, long ones near-synonyms.
pub(super) const PREFIXES: [u32; 5] = [4, 7, 10, 14, 20];

/// Paths by [`hash_str`] of the word as written (clusters keep case: "Truss" is not "truss").
pub(super) struct Clusters {
    paths: FxHashMap<u64, u32>,
}

impl Clusters {
    pub(super) fn get() -> &'static Clusters {
        static C: OnceLock<Clusters> = OnceLock::new();
        C.get_or_init(|| Clusters::parse(data!("models/clusters.tsv")))
    }

    /// Lines of `word<TAB>bits`; a line that does not parse (a comment, a path longer than
    /// 30 bits) is left out, so a word without a usable path simply has no cluster.
    fn parse(text: &str) -> Clusters {
        let paths = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (word, bits) = l.split_once('\t')?;
                Some((hash_str(0, word), code(bits)?))
            })
            .collect();
        Clusters { paths }
    }

    /// The word's path as a [`code`], 0 when it has none; `exact` is its [`hash_str`].
    pub(super) fn code(&self, exact: u64) -> u32 {
        self.paths.get(&exact).copied().unwrap_or(0)
    }
}

/// A bit string as a number with a leading 1 that marks its length ("01" → 0b101), so that
/// prefixes of different lengths never collide.
fn code(bits: &str) -> Option<u32> {
    if bits.is_empty() || bits.len() > 30 {
        return None;
    }
    bits.bytes().try_fold(1u32, |c, b| match b {
        b'0' => Some(c << 1),
        b'1' => Some(c << 1 | 1),
        _ => None,
    })
}

/// The first `len` bits of a [`code`] (the whole path when shorter), still a code; 0 stays 0.
pub(super) fn prefix(code: u32, len: u32) -> u32 {
    let depth = 31u32.saturating_sub(code.leading_zeros());
    code >> depth.saturating_sub(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_of_a_path_are_codes_of_its_leading_bits() {
        let c = code("0110101").expect("a path");
        assert_eq!(prefix(c, 3), code("011").expect("a path"));
        assert_eq!(prefix(c, 7), c);
        assert_eq!(prefix(c, 20), c);
        assert_ne!(prefix(c, 2), prefix(code("0").expect("a path"), 2));
        assert_eq!(prefix(0, 4), 0);
        assert_eq!(code("01x"), None);
    }

    #[test]
    fn the_shipped_clusters_parse_and_group_surnames_together() {
        let c = Clusters::get();
        assert!(c.paths.len() > 10_000, "only {} words have clusters", c.paths.len());
        let at = |w: &str| prefix(c.code(hash_str(0, w)), 7);
        // Surnames of politicians share a coarse cluster that a common noun does not.
        assert_ne!(at("Johnson"), 0);
        assert_eq!(at("Johnson"), at("Blair"));
        assert_ne!(at("Johnson"), at("table"));
    }
}

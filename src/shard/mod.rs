//! Splitting one extraction over array-job tasks (`extract --shard K/N`) and merging the
//! shards' outputs back into one (`newsframe merge`, in [`merge`]).
//!
//! A shard's share is decided from the command line alone, so the N tasks of an array job
//! agree without talking to each other: with at least N input files, shard K takes every
//! Nth file (by its place in the discovered input list); with fewer files than shards, every
//! shard reads every file and keeps the records whose number is K-1 modulo N. What only the
//! whole input knows (`duplicate_of` across shards, the dump-level tables) is worked out by
//! the merge.

pub mod merge;

use serde::Serialize;

/// `--shard K/N`: the Kth of N shares, K from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Shard {
    pub k: u32,
    pub n: u32,
}

/// What a shard's share is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ShardBy {
    Files,
    Records,
}

impl Shard {
    /// Parses `K/N` with 1 <= K <= N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("expected K/N (e.g. 3/8), got '{text}'"))?;
        let number = |s: &str| {
            s.trim()
                .parse::<u32>()
                .map_err(|_| format!("'{s}' in --shard {text} is not a number"))
        };
        let (k, n) = (number(k)?, number(n)?);
        if n == 0 || k == 0 || k > n {
            return Err(format!("--shard {text}: K must be 1 to N, and N at least 1"));
        }
        Ok(Shard { k, n })
    }

    /// By files when there are enough of them for every shard, else by records.
    pub fn by(&self, n_inputs: usize) -> ShardBy {
        if n_inputs >= self.n as usize {
            ShardBy::Files
        } else {
            ShardBy::Records
        }
    }

    /// Whether the input at this place of the discovered list is this shard's (by files).
    pub fn owns_input(&self, index: usize) -> bool {
        index % self.n as usize == (self.k - 1) as usize
    }

    /// Whether a record of an input is this shard's (by records).
    pub fn owns_record(&self, record_no: u64) -> bool {
        record_no % u64::from(self.n) == u64::from(self.k - 1)
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_refuse_what_is_not_a_share() {
        assert_eq!(Shard::parse("3/8"), Ok(Shard { k: 3, n: 8 }));
        assert_eq!(Shard::parse("1/1"), Ok(Shard { k: 1, n: 1 }));
        for bad in ["0/4", "5/4", "2", "a/4", "1/0", "-1/4"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_file_or_record_belongs_to_exactly_one_shard() {
        let shards: Vec<Shard> = (1..=3).map(|k| Shard { k, n: 3 }).collect();
        for i in 0..10 {
            assert_eq!(shards.iter().filter(|s| s.owns_input(i)).count(), 1);
            assert_eq!(shards.iter().filter(|s| s.owns_record(i as u64)).count(), 1);
        }
        assert_eq!(shards[0].by(3), ShardBy::Files);
        assert_eq!(shards[0].by(2), ShardBy::Records);
    }
}

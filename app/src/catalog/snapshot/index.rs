//! The snapshot's indexes: which entries contain a text (trigram postings,
//! then a check of each candidate), which belong to a category, kind,
//! supplier or service level (a set of entries per value), and each entry's
//! place in every sort order. With them a filtered page looks at the
//! entries that may match, not at all of them: at 100 000 items a search
//! no longer scans 13 MB of text per request.

use fixedbitset::FixedBitSet;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// In a map of old positions to new ones: the entry is gone (or changed,
/// and so placed anew).
pub const GONE: u32 = u32::MAX;

/// A set of entries (positions in `Snapshot::entries`).
pub type Entries = FixedBitSet;

/// The three bytes starting at `at`, as one key.
fn key(bytes: &[u8], at: usize) -> u32 {
    (u32::from(bytes[at]) << 16) | (u32::from(bytes[at + 1]) << 8) | u32::from(bytes[at + 2])
}

/// For every three bytes that occur in an entry's text, the entries they
/// occur in (ascending). A needle of three bytes or more can only occur in
/// an entry that holds every one of its trigrams. Each list is shared
/// between the copies of the catalogue that have it unchanged.
#[derive(Default, PartialEq)]
pub struct Trigrams {
    postings: FxHashMap<u32, Arc<[u32]>>,
}

/// The distinct trigrams of `bytes`, ascending, into `keys`.
fn keys_of(bytes: &[u8], keys: &mut Vec<u32>) {
    keys.clear();
    keys.extend((0..bytes.len().saturating_sub(2)).map(|at| key(bytes, at)));
    keys.sort_unstable();
    keys.dedup();
}

impl Trigrams {
    /// The index of `texts`, entry by entry.
    pub fn build<'a>(texts: impl Iterator<Item = &'a str>) -> Self {
        let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        let mut keys = Vec::new();
        for (entry, text) in texts.enumerate() {
            keys_of(text.as_bytes(), &mut keys);
            for k in &keys {
                postings.entry(*k).or_default().push(entry as u32);
            }
        }
        Trigrams {
            postings: postings.into_iter().map(|(k, list)| (k, list.into())).collect(),
        }
    }

    /// The index after a change of entries. `moved[old]` is each old
    /// entry's new position (`GONE`: removed or changed), `gone` the old
    /// texts of those, and `fresh` the new and changed entries' positions
    /// with their texts, ascending. A list that loses no entry, gains none
    /// and holds none at or after the first that moved is shared, not
    /// copied: a change of a few items in place touches their lists only,
    /// and one that shifts positions rewrites the lists once instead of
    /// reading every text again.
    pub fn patched<'a, 'b>(
        &self,
        moved: &[u32],
        gone: impl Iterator<Item = &'b str>,
        fresh: impl Iterator<Item = (u32, &'a str)>,
    ) -> Self {
        let first_moved = moved
            .iter()
            .enumerate()
            .position(|(old, new)| *new != old as u32 && *new != GONE)
            .unwrap_or(moved.len()) as u32;
        let mut keys = Vec::new();
        let mut losing: rustc_hash::FxHashSet<u32> = Default::default();
        for text in gone {
            keys_of(text.as_bytes(), &mut keys);
            losing.extend(keys.iter().copied());
        }
        let mut added: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for (entry, text) in fresh {
            keys_of(text.as_bytes(), &mut keys);
            for k in &keys {
                added.entry(*k).or_default().push(entry);
            }
        }
        // The map is copied as it stands (no key hashed again); then only
        // the lists that change are rewritten.
        let mut postings = self.postings.clone();
        let rewrite = |list: &[u32], extra: Option<Vec<u32>>| -> Vec<u32> {
            let kept = list.iter().map(|old| moved[*old as usize]).filter(|new| *new != GONE);
            match extra {
                Some(extra) => merge(kept, extra),
                None => kept.collect(),
            }
        };
        let shifted: Vec<u32> = if (first_moved as usize) < moved.len() {
            postings
                .iter()
                .filter(|(_, list)| list.last().is_some_and(|last| *last >= first_moved))
                .map(|(k, _)| *k)
                .collect()
        } else {
            Vec::new()
        };
        let touched: rustc_hash::FxHashSet<u32> =
            losing.into_iter().chain(added.keys().copied()).chain(shifted).collect();
        for k in touched {
            let extra = added.remove(&k);
            let list = match postings.get(&k) {
                Some(list) => rewrite(list, extra),
                None => extra.unwrap_or_default(),
            };
            if list.is_empty() {
                postings.remove(&k);
            } else {
                postings.insert(k, list.into());
            }
        }
        Trigrams { postings }
    }

    /// The entries that hold the needle's three rarest trigrams (all of
    /// them, when it has no more), ascending: a superset of those that
    /// contain it. `None` when the needle is shorter than three bytes
    /// (every entry may match).
    pub fn candidates(&self, needle: &[u8]) -> Option<Vec<u32>> {
        if needle.len() < 3 {
            return None;
        }
        let mut keys: Vec<u32> = (0..needle.len() - 2).map(|at| key(needle, at)).collect();
        keys.sort_unstable();
        keys.dedup();
        let mut lists = Vec::with_capacity(keys.len());
        for k in keys {
            match self.postings.get(&k) {
                Some(list) => lists.push(&list[..]),
                None => return Some(Vec::new()),
            }
        }
        // The three rarest trigrams narrow it enough: the caller checks each
        // candidate's text anyway.
        lists.sort_by_key(|l| l.len());
        let mut out = lists[0].to_vec();
        for list in lists.iter().skip(1).take(2) {
            if out.is_empty() {
                break;
            }
            out = intersect(&out, list);
        }
        Some(out)
    }
}

/// The values of two ascending sequences without common values, ascending.
fn merge(a: impl Iterator<Item = u32>, b: Vec<u32>) -> Vec<u32> {
    let mut out = Vec::with_capacity(b.len() + a.size_hint().0);
    let mut b = b.into_iter().peekable();
    for x in a {
        while let Some(y) = b.next_if(|y| *y < x) {
            out.push(y);
        }
        out.push(x);
    }
    out.extend(b);
    out
}

/// The values in both ascending lists, ascending: a merge of the two when
/// they are of a size, else each value of the short one sought in the long
/// one from where the last was found.
fn intersect(short: &[u32], long: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(short.len().min(long.len()));
    if long.len() / 16 <= short.len() {
        let (mut a, mut b) = (0, 0);
        while a < short.len() && b < long.len() {
            match short[a].cmp(&long[b]) {
                std::cmp::Ordering::Less => a += 1,
                std::cmp::Ordering::Greater => b += 1,
                std::cmp::Ordering::Equal => {
                    out.push(short[a]);
                    a += 1;
                    b += 1;
                }
            }
        }
        return out;
    }
    let mut rest = long;
    for v in short {
        let at = rest.partition_point(|x| x < v);
        rest = &rest[at..];
        match rest.first() {
            Some(x) if x == v => out.push(*v),
            Some(_) => {}
            None => break,
        }
    }
    out
}

/// The entries with each value of one property.
pub struct Postings<K> {
    sets: FxHashMap<K, Entries>,
    len: usize,
}

impl<K: std::hash::Hash + Eq + Copy> Postings<K> {
    pub fn build(len: usize, values: impl Iterator<Item = Option<K>>) -> Self {
        let mut sets: FxHashMap<K, Entries> = FxHashMap::default();
        for (entry, value) in values.enumerate() {
            if let Some(value) = value {
                sets.entry(value)
                    .or_insert_with(|| FixedBitSet::with_capacity(len))
                    .insert(entry);
            }
        }
        Postings { sets, len }
    }

    /// The entries with any of `values`.
    pub fn any_of(&self, values: impl IntoIterator<Item = K>) -> Entries {
        let mut out = FixedBitSet::with_capacity(self.len);
        for v in values {
            if let Some(set) = self.sets.get(&v) {
                out.union_with(set);
            }
        }
        out
    }
}

impl<K: std::hash::Hash + Eq> PartialEq for Postings<K> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.sets == other.sets
    }
}

/// Each entry's place in an order (the inverse of the order).
pub fn ranks(order: &[u32]) -> Vec<u32> {
    let mut rank = vec![0; order.len()];
    for (place, entry) in order.iter().enumerate() {
        rank[*entry as usize] = place as u32;
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_hold_the_rarest_trigrams_of_the_needle() {
        let texts = [
            "dell latitude 5450",
            "hp elitebook",
            "latitude dock",
            "",
            "ab",
            "skärm latitud",
        ];
        let index = Trigrams::build(texts.iter().copied());
        assert_eq!(index.candidates(b"latitude"), Some(vec![0, 2]));
        assert_eq!(index.candidates(b"latitud"), Some(vec![0, 2, 5]));
        assert_eq!(index.candidates("skärm".as_bytes()), Some(vec![5]));
        assert_eq!(index.candidates(b"zzz"), Some(vec![]));
        assert_eq!(
            index.candidates(b"ab"),
            None,
            "too short for a trigram: every entry may match"
        );
        assert_eq!(index.candidates(b"ell"), Some(vec![0]));
        // "ude" and "del" both occur in entry 0, not as "udel": a candidate
        // all the same, which the caller checks.
        assert_eq!(index.candidates(b"udel"), Some(vec![0]));
    }

    /// A patched index is the index built from the changed texts: entries
    /// changed, removed, inserted between others and added at the end.
    #[test]
    fn a_patched_index_is_the_one_built_anew() {
        let before = [
            "dell latitude 5450",
            "hp elitebook",
            "latitude dock",
            "",
            "skärm latitud",
        ];
        let index = Trigrams::build(before.iter().copied());
        // Nothing changed: every list shared.
        let same = index.patched(&[0, 1, 2, 3, 4], std::iter::empty(), std::iter::empty());
        assert!(same == index);
        assert!(same.postings.iter().all(|(k, l)| Arc::ptr_eq(l, &index.postings[k])));
        // Entry 1 changed in place, entry 5 added at the end.
        let after = [
            "dell latitude 5450",
            "hp probook",
            "latitude dock",
            "",
            "skärm latitud",
            "dockningsstation",
        ];
        let patched = index.patched(
            &[0, GONE, 2, 3, 4],
            [before[1]].into_iter(),
            [(1, after[1]), (5, after[5])].into_iter(),
        );
        assert!(patched == Trigrams::build(after.iter().copied()));
        assert!(
            Arc::ptr_eq(&patched.postings[&key(b"lat", 0)], &index.postings[&key(b"lat", 0)]),
            "a list without the changed entry is shared"
        );
        assert!(!Arc::ptr_eq(
            &patched.postings[&key(b"hp ", 0)],
            &index.postings[&key(b"hp ", 0)]
        ));
        // Entry 0 removed, a new one between 2 and 3, entry 4 changed.
        let after = ["hp elitebook", "latitude dock", "mus", "", "skärm 27 tum"];
        let patched = index.patched(
            &[GONE, 0, 1, 3, GONE],
            [before[0], before[4]].into_iter(),
            [(2, after[2]), (4, after[4])].into_iter(),
        );
        assert!(patched == Trigrams::build(after.iter().copied()));
        assert_eq!(patched.candidates(b"latitud"), Some(vec![1]));
    }

    #[test]
    fn merge_keeps_both_sequences_in_order() {
        assert_eq!(
            merge([1, 4, 6].into_iter(), vec![0, 2, 5, 9]),
            vec![0, 1, 2, 4, 5, 6, 9]
        );
        assert_eq!(merge(std::iter::empty(), vec![3]), vec![3]);
        assert_eq!(merge([3].into_iter(), vec![]), vec![3]);
    }

    #[test]
    fn intersect_keeps_what_both_lists_hold() {
        assert_eq!(intersect(&[1, 3, 5, 9], &[0, 1, 2, 3, 4, 9, 10]), vec![1, 3, 9]);
        assert_eq!(intersect(&[1, 3], &[]), Vec::<u32>::new());
        assert_eq!(intersect(&[], &[1, 2]), Vec::<u32>::new());
        assert_eq!(intersect(&[7], &[1, 2]), Vec::<u32>::new());
        // A short list against a long one: sought, not merged.
        let long: Vec<u32> = (0..1000).collect();
        assert_eq!(intersect(&[3, 500, 2000], &long), vec![3, 500]);
    }

    #[test]
    fn postings_give_the_entries_with_any_of_the_values() {
        let p = Postings::build(5, [Some(1), Some(2), None, Some(1), Some(3)].into_iter());
        let ones = |s: Entries| s.ones().collect::<Vec<_>>();
        assert_eq!(ones(p.any_of([1])), vec![0, 3]);
        assert_eq!(ones(p.any_of([1, 3])), vec![0, 3, 4]);
        assert_eq!(ones(p.any_of([9])), Vec::<usize>::new());
    }

    #[test]
    fn ranks_invert_an_order() {
        assert_eq!(ranks(&[2, 0, 1]), vec![1, 2, 0]);
    }
}

//! Reading `morph.bin`, the binary lexicon written by
//! `resources/scripts/morph/build-morph` (its `main.rs` documents the layout).
//!
//! Everything is read in place from the byte slice: the fst maps borrow it and
//! the tables are decoded on access, so loading costs only the parsing of a
//! few hundred tag strings.

use fst::Map;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// Magic bytes at the start of the blob.
const MAGIC: &[u8; 8] = b"PLMORPH\0";
/// The layout version this reader understands.
const VERSION: u32 = 2;

/// One packed entry of a set: rule, tag, class, flags, and for guesses a weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry(pub u64);

impl Entry {
    /// Index of the rewrite rule.
    pub fn rule(self) -> u32 {
        (self.0 & 0xff_ffff) as u32
    }
    /// Index of the tag.
    pub fn tag(self) -> u16 {
        (self.0 >> 24) as u16
    }
    /// Index of the class list.
    pub fn class(self) -> u8 {
        (self.0 >> 40) as u8
    }
    /// Flags of a lexicon entry (bit 0: stylistically marked).
    pub fn flags(self) -> u8 {
        (self.0 >> 48) as u8
    }
    /// True for an entry of a capitalized form (its key is lower-cased).
    pub fn capitalized(self) -> bool {
        self.flags() & 2 != 0
    }
    /// Share of a guess among the guesses of its suffix, in 0..=1.
    pub fn weight(self) -> f32 {
        (self.0 >> 48) as u16 as f32 / 65535.0
    }
}

/// A table of sets: offsets into a flat array of entries.
#[derive(Clone, Copy)]
pub(crate) struct Sets<'a> {
    offsets: &'a [u8],
    entries: &'a [u8],
}

impl<'a> Sets<'a> {
    fn new(offsets: &'a [u8], entries: &'a [u8]) -> Option<Sets<'a>> {
        if offsets.len() % 4 != 0 || entries.len() % 8 != 0 || offsets.len() < 4 {
            return None;
        }
        let sets = Sets { offsets, entries };
        // The last offset closes the table.
        if sets.offset(sets.len()) as usize * 8 != entries.len() {
            return None;
        }
        Some(sets)
    }

    /// Number of sets.
    pub fn len(&self) -> usize {
        self.offsets.len() / 4 - 1
    }

    fn offset(&self, i: usize) -> u32 {
        let b = &self.offsets[i * 4..i * 4 + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// The entries of set `id`; empty for an id out of range.
    pub fn get(&self, id: u64) -> impl ExactSizeIterator<Item = Entry> + 'a {
        self.entries(self.span(id))
    }

    /// Where the entries of set `id` are; empty for an id out of range.
    #[inline]
    pub fn span(&self, id: u64) -> Span {
        let id = id as usize;
        if id < self.len() {
            let (start, end) = (self.offset(id), self.offset(id + 1));
            Span {
                start,
                len: end.saturating_sub(start),
            }
        } else {
            Span { start: 0, len: 0 }
        }
    }

    /// The entries of `span` (clamped to the table).
    #[inline]
    pub fn entries(&self, span: Span) -> impl ExactSizeIterator<Item = Entry> + 'a {
        let count = self.entries.len() / 8;
        let start = (span.start as usize).min(count);
        let end = start.saturating_add(span.len as usize).min(count);
        self.entries[start * 8..end * 8]
            .chunks_exact(8)
            .map(|b| Entry(<[u8; 8]>::try_from(b).map_or(0, u64::from_le_bytes)))
    }
}

/// The entries of a set: where they start in the flat array and how many
/// there are (what the look-up cache keeps, so that a hit does not read the
/// table of offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: u32,
    pub len: u32,
}

impl Span {
    /// The span in one `u32` (start in the high 24 bits, count in the low
    /// 8), when it fits; never `u32::MAX`.
    #[inline]
    pub fn pack(self) -> Option<u32> {
        (self.start < 0xff_ffff && self.len <= 0xff).then_some(self.start << 8 | self.len)
    }

    /// The span of [`Span::pack`]'s value.
    #[inline]
    pub fn unpack(packed: u32) -> Span {
        Span {
            start: packed >> 8,
            len: packed & 0xff,
        }
    }
}

/// A rewrite rule: strip `prefix` bytes, prepend `prepend`, strip `suffix`
/// bytes, append `append`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule<'a> {
    pub prefix: usize,
    pub prepend: &'a str,
    pub suffix: usize,
    pub append: &'a str,
}

impl<'a> Rule<'a> {
    /// The part of `word` the rule keeps; `None` when the rule does not
    /// fit `word`.
    #[inline(always)]
    fn stem<'w>(&self, word: &'w str) -> Option<&'w str> {
        // `get` checks the bounds and the char boundaries; a suffix longer
        // than the word wraps to an end past it.
        word.get(self.prefix..word.len().wrapping_sub(self.suffix))
    }

    /// True when the rule fits `word` ([`Rule::apply`] succeeds).
    #[inline]
    pub fn fits(&self, word: &str) -> bool {
        self.stem(word).is_some()
    }

    /// Applies the rule to `word`, writing into `out` (cleared first).
    /// Returns false, leaving `out` empty, when the rule does not fit `word`.
    #[inline(always)]
    pub fn apply(&self, word: &str, out: &mut String) -> bool {
        out.clear();
        let Some(stem) = self.stem(word) else {
            return false;
        };
        if !self.prepend.is_empty() {
            out.push_str(self.prepend);
        }
        out.push_str(stem);
        if !self.append.is_empty() {
            out.push_str(self.append);
        }
        true
    }

    /// A rule that never applies.
    pub fn never() -> Rule<'a> {
        Rule {
            prefix: usize::MAX / 2,
            prepend: "",
            suffix: usize::MAX / 2,
            append: "",
        }
    }
}

/// The parsed sections of the blob.
pub(crate) struct Blob<'a> {
    /// Lower-case and capitalized forms, keyed by the lower-case form.
    pub forms: Map<&'a [u8]>,
    /// Other forms (`NATO`, `PiS`), keyed as written.
    pub exact: Map<&'a [u8]>,
    pub sets: Sets<'a>,
    rules: &'a [u8],
    rulestr: &'a str,
    pub tags: &'a str,
    pub classes: &'a str,
    pub lemmas: Map<&'a [u8]>,
    pub gsets: Sets<'a>,
    pub guess: Map<&'a [u8]>,
    pub usets: Sets<'a>,
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

impl<'a> Blob<'a> {
    /// Parses the header and sections; `Err` names what is wrong.
    pub fn parse(data: &'a [u8]) -> Result<Blob<'a>, String> {
        if data.get(..8) != Some(MAGIC.as_slice()) {
            return Err("not a polner morphology blob (bad magic)".into());
        }
        let version = u32_at(data, 8).ok_or("truncated header")?;
        if version != VERSION {
            return Err(format!(
                "morphology blob version {version}, expected {VERSION}"
            ));
        }
        let n = u32_at(data, 12).ok_or("truncated header")? as usize;
        let section = |name: &str| -> Result<&'a [u8], String> {
            for i in 0..n {
                let at = 16 + i * 16;
                let raw = data.get(at..at + 8).ok_or("truncated section table")?;
                let len = raw.iter().position(|&b| b == 0).unwrap_or(8);
                if &raw[..len] == name.as_bytes() {
                    let off = u32_at(data, at + 8).ok_or("truncated section table")? as usize;
                    let size = u32_at(data, at + 12).ok_or("truncated section table")? as usize;
                    return data
                        .get(off..off + size)
                        .ok_or_else(|| format!("section {name} out of bounds"));
                }
            }
            Err(format!("missing section {name}"))
        };
        let map = |name: &str| -> Result<Map<&'a [u8]>, String> {
            Map::new(section(name)?).map_err(|e| format!("section {name}: {e}"))
        };
        let sets = |o: &str, e: &str| -> Result<Sets<'a>, String> {
            Sets::new(section(o)?, section(e)?).ok_or_else(|| format!("section {o}: bad table"))
        };
        let text = |name: &str| -> Result<&'a str, String> {
            std::str::from_utf8(section(name)?).map_err(|e| format!("section {name}: {e}"))
        };
        let rules = section("rules")?;
        if rules.len() % 8 != 0 {
            return Err("section rules: bad table".into());
        }
        Ok(Blob {
            forms: map("forms")?,
            exact: map("exact")?,
            sets: sets("sets", "entries")?,
            rules,
            rulestr: text("rulestr")?,
            tags: text("tags")?,
            classes: text("classes")?,
            lemmas: map("lemmas")?,
            gsets: sets("gsets", "gentries")?,
            guess: map("guess")?,
            usets: sets("usets", "uentries")?,
        })
    }

    /// Number of rules.
    pub fn rule_count(&self) -> usize {
        self.rules.len() / 8
    }

    /// Rule `id`; an out-of-range id gives a rule that never applies.
    pub fn rule(&self, id: u32) -> Rule<'a> {
        let never = Rule::never();
        let at = id as usize * 8;
        let (Some(off), Some(packed)) = (u32_at(self.rules, at), u32_at(self.rules, at + 4)) else {
            return never;
        };
        let pre_len = (off >> 24) as usize;
        let off = (off & 0xff_ffff) as usize;
        let len = (packed >> 16) as usize;
        match (
            self.rulestr.get(off..off + pre_len),
            self.rulestr.get(off + pre_len..off + pre_len + len),
        ) {
            (Some(prepend), Some(append)) => Rule {
                prefix: (packed & 0xff) as usize,
                prepend,
                suffix: ((packed >> 8) & 0xff) as usize,
                append,
            },
            _ => never,
        }
    }
}

/// How many leading key bytes [`FastMap`] resolves at once.
const PREFIX_LEN: usize = 4;

/// Transitions of a state with more than this many have a 256-byte index
/// (in fst layout versions 2 and up).
const INDEXED_STATE: usize = 32;

/// A faster `get` for an [`fst::Map`]: the state after every
/// `PREFIX_LEN`-byte prefix of its keys is in a hash table, so a look-up
/// starts there instead of walking the top of the fst, where the states are
/// wide and slow to decode; the rest of the key is followed by reading the
/// states in place (the layout of the `fst` crate, versions 2 and 3),
/// decoding only the one transition taken.
///
/// A state written with a shared input byte that the index has not seen is
/// read through the `fst` crate instead; maps of another layout version are
/// read through it altogether.
pub(crate) struct FastMap<'a> {
    map: Map<&'a [u8]>,
    /// Key of a prefix of up to `PREFIX_LEN` bytes (see [`prefix_key`]) →
    /// (state address, output so far).
    /// Both fit in 32 bits in any blob under 4 GB; `direct` is off otherwise.
    states: HashMap<u64, (u32, u32), BuildHasherDefault<super::FxHasher>>,
    /// The input byte of each shared-input code of one-transition states.
    common: [Option<u8>; 64],
    /// Whether the layout is one this reader knows.
    direct: bool,
}

/// One step of a look-up.
enum Step {
    /// The next state and the output of the transition.
    To(usize, u64),
    /// No transition for the byte.
    Stop,
    /// A state this reader does not decode; ask the `fst` crate.
    Ask,
}

/// A point of a walk through a [`FastMap`]: a state and the output so far.
#[derive(Debug, Clone, Copy)]
pub(crate) struct At {
    addr: usize,
    out: u64,
}

impl<'a> FastMap<'a> {
    /// `map` without the index of prefixes, for walks (see [`FastMap::next`]).
    pub fn walk_only(map: Map<&'a [u8]>) -> FastMap<'a> {
        let version = map
            .as_fst()
            .as_bytes()
            .first_chunk::<8>()
            .map_or(0, |b| u64::from_le_bytes(*b));
        FastMap {
            map,
            states: HashMap::default(),
            common: shared_inputs(),
            direct: matches!(version, 2 | 3),
        }
    }

    /// The start of a walk: the root state.
    pub fn root(&self) -> At {
        At {
            addr: self.map.as_fst().root().addr(),
            out: 0,
        }
    }

    /// The state after the transition on `b` from `at`; `None` when there is
    /// none.
    #[inline]
    pub fn next(&self, at: At, b: u8) -> Option<At> {
        if self.direct {
            match self.step(self.map.as_fst().as_bytes(), at.addr, b) {
                Some(Step::To(addr, o)) => {
                    return Some(At {
                        addr,
                        out: at.out.wrapping_add(o),
                    });
                }
                Some(Step::Stop) => return None,
                Some(Step::Ask) | None => {}
            }
        }
        let node = self.map.as_fst().node(at.addr);
        let t = node.transition(node.find_input(b)?);
        Some(At {
            addr: t.addr,
            out: at.out.wrapping_add(t.out.value()),
        })
    }

    /// The value of the key that leads to `at`, when its state is final.
    #[inline]
    pub fn value(&self, at: At) -> Option<u64> {
        if self.direct {
            let data = self.map.as_fst().as_bytes();
            return self
                .final_output(data, at.addr)
                .map(|o| at.out.wrapping_add(o));
        }
        let node = self.map.as_fst().node(at.addr);
        node.is_final()
            .then(|| at.out.wrapping_add(node.final_output().value()))
    }

    /// Indexes `map` (walks the top `PREFIX_LEN` levels of its fst).
    pub fn new(map: Map<&'a [u8]>) -> FastMap<'a> {
        let fst = map.as_fst();
        let data = fst.as_bytes();
        let version = data
            .first_chunk::<8>()
            .map_or(0, |b| u64::from_le_bytes(*b));
        // The forms fst has some 31 000 prefixes of up to 4 bytes.
        let mut states = HashMap::with_capacity_and_hasher(1 << 15, Default::default());
        let mut fits = true;
        let mut stack = vec![(fst.root().addr(), 0u64, [0u8; PREFIX_LEN], 0usize)];
        while let Some((addr, out, mut key, depth)) = stack.pop() {
            if depth > 0 {
                match (u32::try_from(addr), u32::try_from(out)) {
                    (Ok(addr), Ok(out)) => {
                        states.insert(prefix_key(&key[..depth]), (addr, out));
                    }
                    _ => fits = false,
                }
            }
            if depth == PREFIX_LEN {
                continue;
            }
            for t in fst.node(addr).transitions() {
                key[depth] = t.inp;
                stack.push((t.addr, out.wrapping_add(t.out.value()), key, depth + 1));
            }
        }
        FastMap {
            map,
            states,
            common: shared_inputs(),
            direct: fits && matches!(version, 2 | 3),
        }
    }

    /// The value of `key`, as [`Map::get`] gives it.
    #[inline]
    pub fn get(&self, key: &[u8]) -> Option<u64> {
        if !self.direct || key.is_empty() {
            return self.map.get(key);
        }
        let head = key.len().min(PREFIX_LEN);
        let &(addr, out) = self.states.get(&prefix_key(&key[..head]))?;
        let (mut addr, mut out) = (addr as usize, out as u64);
        let data = self.map.as_fst().as_bytes();
        for &b in &key[head..] {
            match self.step(data, addr, b) {
                Some(Step::To(next, o)) => {
                    addr = next;
                    out = out.wrapping_add(o);
                }
                Some(Step::Stop) => return None,
                Some(Step::Ask) | None => {
                    let node = self.map.as_fst().node(addr);
                    let t = node.transition(node.find_input(b)?);
                    addr = t.addr;
                    out = out.wrapping_add(t.out.value());
                }
            }
        }
        self.final_output(data, addr).map(|o| out.wrapping_add(o))
    }

    /// The input byte of a one-transition state with state byte `v` at
    /// `addr`, and the number of bytes it takes.
    #[inline]
    fn one_input(&self, data: &[u8], addr: usize, v: u8) -> Option<Option<(u8, usize)>> {
        match v & 0x3f {
            0 => Some(Some((*data.get(addr.checked_sub(1)?)?, 1))),
            code => Some(self.common[code as usize].map(|b| (b, 0))),
        }
    }

    /// Follows the transition on `b` from the state at `addr`; `None` when
    /// the data is not a valid fst.
    #[inline(always)]
    fn step(&self, data: &[u8], addr: usize, b: u8) -> Option<Step> {
        // Address 0 is the final state without transitions.
        if addr == 0 {
            return Some(Step::Stop);
        }
        let v = *data.get(addr)?;
        match v >> 6 {
            0b11 => {
                let Some((input, len)) = self.one_input(data, addr, v)? else {
                    return Some(Step::Ask);
                };
                if input != b {
                    return Some(Step::Stop);
                }
                Some(Step::To(addr.checked_sub(len + 1)?, 0))
            }
            0b10 => {
                let Some((input, len)) = self.one_input(data, addr, v)? else {
                    return Some(Step::Ask);
                };
                if input != b {
                    return Some(Step::Stop);
                }
                let sizes_at = addr.checked_sub(len + 1)?;
                let sizes = *data.get(sizes_at)?;
                let (tsize, osize) = ((sizes >> 4) as usize, (sizes & 0xf) as usize);
                let trans_at = sizes_at.checked_sub(tsize)?;
                let end = trans_at.checked_sub(osize)?;
                let next = target(data, trans_at, tsize, end)?;
                Some(Step::To(next, uint(data, end, osize)?))
            }
            _ => {
                let (ntrans, sizes_at, tsize, osize) = any_trans_header(data, addr, v)?;
                let index = if ntrans > INDEXED_STATE { 256 } else { 0 };
                let inputs_end = sizes_at.checked_sub(index)?;
                let inputs_at = inputs_end.checked_sub(ntrans)?;
                let i = if index > 0 {
                    let i = *data.get(inputs_end + b as usize)? as usize;
                    if i >= ntrans {
                        return Some(Step::Stop);
                    }
                    i
                } else {
                    let inputs = data.get(inputs_at..inputs_end)?;
                    match find_byte(inputs, b) {
                        Some(p) => ntrans - p - 1,
                        None => return Some(Step::Stop),
                    }
                };
                let trans_at = inputs_at.checked_sub((i + 1) * tsize)?;
                let outputs_end = inputs_at.checked_sub(ntrans * tsize)?;
                let final_size = if v & 0x40 != 0 { osize } else { 0 };
                let end = outputs_end.checked_sub(ntrans * osize + final_size)?;
                let next = target(data, trans_at, tsize, end)?;
                let out = if osize == 0 {
                    0
                } else {
                    uint(data, outputs_end.checked_sub((i + 1) * osize)?, osize)?
                };
                Some(Step::To(next, out))
            }
        }
    }

    /// The final output of the state at `addr`; `None` when it is not final.
    #[inline]
    fn final_output(&self, data: &[u8], addr: usize) -> Option<u64> {
        if addr == 0 {
            return Some(0);
        }
        let v = *data.get(addr)?;
        // One-transition states (top bits 1x) are never final.
        if v & 0x80 != 0 || v & 0x40 == 0 {
            return None;
        }
        let (ntrans, sizes_at, tsize, osize) = any_trans_header(data, addr, v)?;
        if osize == 0 {
            return Some(0);
        }
        let index = if ntrans > INDEXED_STATE { 256 } else { 0 };
        let at = sizes_at.checked_sub(index + ntrans * (1 + tsize) + (ntrans + 1) * osize)?;
        uint(data, at, osize)
    }
}

/// The header of a state with any number of transitions (first byte `v`
/// at `addr`): its transition count, where its sizes byte is, and the byte
/// sizes of its transition targets and outputs.
#[inline]
fn any_trans_header(data: &[u8], addr: usize, v: u8) -> Option<(usize, usize, usize, usize)> {
    let (ntrans, nlen) = match (v & 0x3f) as usize {
        0 => match *data.get(addr.checked_sub(1)?)? {
            1 => (256, 1),
            n => (n as usize, 1),
        },
        n => (n, 0),
    };
    let sizes_at = addr.checked_sub(nlen + 1)?;
    let sizes = *data.get(sizes_at)?;
    Some((
        ntrans,
        sizes_at,
        (sizes >> 4) as usize,
        (sizes & 0xf) as usize,
    ))
}

/// The position of the first `b` in `hay` (at most [`INDEXED_STATE`]
/// bytes), eight bytes at a time.
#[inline]
fn find_byte(hay: &[u8], b: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The lowest byte of `found` that is set is the first zero byte of `x`
    // (a borrow can only mark bytes above it).
    let first = |chunk: &[u8; 8]| {
        let x = u64::from_le_bytes(*chunk) ^ (ONES * b as u64);
        let found = x.wrapping_sub(ONES) & !x & HIGH;
        (found != 0).then_some(found.trailing_zeros() as usize / 8)
    };
    let mut at = 0;
    while let Some(chunk) = hay.get(at..).and_then(|rest| rest.first_chunk::<8>()) {
        if let Some(p) = first(chunk) {
            return Some(at + p);
        }
        at += 8;
    }
    if hay.len() >= 8 {
        // The last bytes, in a chunk that overlaps the ones already seen.
        let last = hay.len() - 8;
        return hay
            .get(last..)
            .and_then(|rest| rest.first_chunk::<8>())
            .and_then(first)
            .map(|p| last + p);
    }
    hay.iter().position(|&x| x == b)
}

/// The key of a prefix of 1 to `PREFIX_LEN` bytes in [`FastMap`]: its bytes
/// and its length.
#[inline]
fn prefix_key(prefix: &[u8]) -> u64 {
    prefix
        .iter()
        .rev()
        .fold(prefix.len() as u64, |k, &b| k << 8 | b as u64)
}

/// The input byte of each shared-input code of one-transition states, as
/// the `fst` crate writes them: learned from a small map whose every key
/// `[b, b]` leaves a one-transition state on `b`.
fn shared_inputs() -> [Option<u8>; 64] {
    let mut common = [None; 64];
    let mut builder = fst::MapBuilder::memory();
    for b in 0..=255u8 {
        if builder.insert([b, b], 0).is_err() {
            return common;
        }
    }
    let Some(map) = builder
        .into_inner()
        .ok()
        .and_then(|bytes| Map::new(bytes).ok())
    else {
        return common;
    };
    let fst = map.as_fst();
    let data = fst.as_bytes();
    for t in fst.root().transitions() {
        let node = fst.node(t.addr);
        if let Some(&v) = data.get(node.addr())
            && v >> 6 >= 0b10
            && v & 0x3f != 0
            && node.len() == 1
        {
            common[(v & 0x3f) as usize] = Some(node.transition(0).inp);
        }
    }
    common
}

/// The little-endian unsigned integer of `size` bytes at `at` (0 for size 0).
#[inline(always)]
fn uint(data: &[u8], at: usize, size: usize) -> Option<u64> {
    // One load when eight bytes are there (all but the last few of the fst).
    if size <= 8
        && let Some(chunk) = data.get(at..).and_then(|rest| rest.first_chunk::<8>())
    {
        let v = u64::from_le_bytes(*chunk);
        return Some(if size == 8 {
            v
        } else {
            v & ((1u64 << (size * 8)) - 1)
        });
    }
    let bytes = data.get(at..at.checked_add(size)?)?;
    Some(
        bytes
            .iter()
            .rev()
            .fold(0u64, |n, &b| n.wrapping_shl(8) | b as u64),
    )
}

/// The target of a transition whose address delta (`size` bytes) is at `at`,
/// relative to `end`, the address just below the state.
#[inline]
fn target(data: &[u8], at: usize, size: usize, end: usize) -> Option<usize> {
    match uint(data, at, size)? as usize {
        0 => Some(0),
        delta => end.checked_sub(delta),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::Streamer;

    /// `FastMap::get` gives what `Map::get` gives, for every fifth key of
    /// the embedded maps (in debug builds, for a sample of the first 200 000)
    /// and for near misses.
    #[test]
    fn fast_map_agrees_with_fst() {
        let blob = Blob::parse(crate::morph::EMBEDDED_BYTES).unwrap();
        let (step, limit) = if cfg!(debug_assertions) {
            (97, 200_000)
        } else {
            (5, usize::MAX)
        };
        for map in [blob.forms, blob.exact, blob.lemmas] {
            let fast = FastMap::new(map.clone());
            let mut stream = map.stream();
            let mut i = 0usize;
            let mut probe = Vec::new();
            while let Some((key, value)) = stream.next() {
                i += 1;
                if i > limit {
                    break;
                }
                if i % step != 0 {
                    continue;
                }
                assert_eq!(
                    fast.get(key),
                    Some(value),
                    "{:?}",
                    String::from_utf8_lossy(key)
                );
                for extra in [b'a', b'z', 0xc4, 0x85] {
                    probe.clear();
                    probe.extend_from_slice(key);
                    probe.push(extra);
                    assert_eq!(fast.get(&probe), map.get(&probe));
                    let last = probe.len() - 2;
                    probe[last] = probe[last].wrapping_add(1);
                    assert_eq!(fast.get(&probe), map.get(&probe));
                    probe.pop();
                    assert_eq!(fast.get(&probe), map.get(&probe));
                    probe.pop();
                    assert_eq!(fast.get(&probe), map.get(&probe));
                }
            }
            assert!(i > 0);
        }
    }

    #[test]
    fn find_byte_finds_the_first() {
        for len in 0..40usize {
            let hay: Vec<u8> = (0..len).map(|i| (i * 7 % 256) as u8).collect();
            for b in [0u8, 1, 7, 14, 63, 64, 128, 255] {
                assert_eq!(
                    find_byte(&hay, b),
                    hay.iter().position(|&x| x == b),
                    "{len} {b}"
                );
            }
        }
        assert_eq!(find_byte(&[5, 0, 1, 0, 5, 5, 5, 5, 5, 1], 1), Some(2));
        assert_eq!(find_byte(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0), Some(1));
    }

    #[test]
    fn fast_map_learns_the_shared_inputs() {
        let blob = Blob::parse(crate::morph::EMBEDDED_BYTES).unwrap();
        let fast = FastMap::new(blob.forms);
        assert!(fast.direct);
        // Lower-case Latin letters are among the shared input bytes.
        let learned = fast.common.iter().filter(|c| c.is_some()).count();
        assert_eq!(learned, 63, "{:?}", fast.common);
    }
}

//! Text handling: offset-preserving normalization, tokenization and
//! sentence splitting.

pub mod normalize;
pub mod sentences;
pub mod tokenize;

use crate::model::Token;

/// The index of the first token at or after `from` that ends after byte
/// `byte`: what `tokens.partition_point(|t| t.span.byte_end <= byte)` gives
/// when every token before `from` ends at or before `byte`.
///
/// Tokens end in increasing order, so a cursor moving through a document
/// finds its next position in a few probes near `from` (galloping: steps of
/// 1, 2, 4, … then a binary search in the last step) instead of reading
/// every token on the way, or probing the whole token list as a binary
/// search does — on a long document each of those probes is a cache miss.
pub(crate) fn first_ending_after(tokens: &[Token], from: usize, byte: usize) -> usize {
    let from = from.min(tokens.len());
    let rest = &tokens[from..];
    // rest[..lo] all end at or before `byte`
    let mut lo = 0;
    let mut step = 1;
    while step <= rest.len() && rest[step - 1].span.byte_end <= byte {
        lo = step;
        step *= 2;
    }
    let hi = step.min(rest.len());
    from + lo + rest[lo..hi].partition_point(|t| t.span.byte_end <= byte)
}

#[cfg(test)]
mod tests {
    use super::first_ending_after;

    #[test]
    fn first_ending_after_is_the_partition_point_from_any_valid_start() {
        let text = "Ala ma kota, a kot ma Alę. W Krakowie 15 października 2025 r. padało.";
        let tokens = crate::tokenize(text);
        for byte in 0..=text.len() + 1 {
            let expected = tokens.partition_point(|t| t.span.byte_end <= byte);
            for from in 0..=expected {
                assert_eq!(
                    first_ending_after(&tokens, from, byte),
                    expected,
                    "{byte} {from}"
                );
            }
        }
        assert_eq!(first_ending_after(&[], 0, 5), 0);
        assert_eq!(
            first_ending_after(&tokens, tokens.len() + 3, 0),
            tokens.len()
        );
    }
}

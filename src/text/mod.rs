//! Text handling: offset-preserving normalization, tokenization and
//! sentence splitting.

pub mod normalize;
pub mod sentences;
pub mod tokenize;

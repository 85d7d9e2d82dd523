//! The `polner` command-line program (feature `cli`).
//!
//! `polner extract` reads documents (text files or jsonl) and writes one JSON
//! object per document; see the README's "CLI" section for the contract.

mod cli;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}

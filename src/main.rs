//! The `polner` command-line program (feature `cli`).
//!
//! `polner extract` reads documents (text files or jsonl) and writes one JSON
//! object per document; see the README's "CLI" section for the contract.

mod cli;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

/// Turns transparent huge pages off for this process (Linux), as
/// `MIMALLOC_ALLOW_THP=0` would (that variable, when set, decides instead).
/// mimalloc asks for huge pages on its arenas; a 2 MB page is resident
/// whole once any of it is touched, and stays so while any of it is in
/// use. A 1 MB piece of a large document allocates and frees tens of MB:
/// on one 100 MB document with two workers the peak RSS was 300–327 MB
/// with huge pages and 230–245 MB without, at the same CPU time
/// (`benches/RESULTS-streaming.md`).
#[cfg(target_os = "linux")]
fn no_transparent_huge_pages() {
    const PR_SET_THP_DISABLE: std::ffi::c_int = 41;
    unsafe extern "C" {
        fn prctl(option: std::ffi::c_int, ...) -> std::ffi::c_int;
    }
    // SAFETY: PR_SET_THP_DISABLE takes one integer argument and only sets
    // a flag of the process; failure (an old kernel) leaves things as they were
    let _ = unsafe {
        prctl(
            PR_SET_THP_DISABLE,
            1 as std::ffi::c_ulong,
            0 as std::ffi::c_ulong,
            0 as std::ffi::c_ulong,
            0 as std::ffi::c_ulong,
        )
    };
}

#[cfg(not(target_os = "linux"))]
fn no_transparent_huge_pages() {}

fn main() -> ExitCode {
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        no_transparent_huge_pages();
    }
    cli::run()
}

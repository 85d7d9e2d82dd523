//! The jsonl reader on any bytes: every line is a document or an error
//! message, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polner::jsonl::{Lines, parse_line};

fuzz_target!(|data: &[u8]| {
    let mut last = 0;
    for item in Lines::new(data) {
        let (line, bytes) = item.expect("reading from memory cannot fail");
        assert!(line > last);
        last = line;
        for lossy in [false, true] {
            match parse_line(bytes.clone(), lossy) {
                Ok(doc) => assert!(doc.text.len() <= data.len()),
                Err(message) => assert!(!message.is_empty()),
            }
        }
    }
});

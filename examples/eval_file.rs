//! Evaluates one text file against a gold TSV (`start end surface lemma label ...`).
//!
//! `cargo run --example eval_file -- TEXT GOLD`
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: eval_file TEXT GOLD");
        std::process::exit(2);
    }
    let text = std::fs::read_to_string(&args[0]).expect("text");
    let gold_text = std::fs::read_to_string(&args[1]).expect("gold");
    let gold = polner::eval::parse_slavicner_tsv(&args[1], &gold_text).expect("gold format");
    let mut report = polner::eval::Report::default();
    polner::eval::score_document(
        &mut report,
        &args[0],
        &text,
        &gold,
        &polner::Extractor::new(),
    );
    print!("{report}");
    report.write_errors(&mut std::io::stdout()).unwrap();
}

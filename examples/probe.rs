//! Prints the entities of the text given as arguments.
fn main() {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    for e in polner::Extractor::new().extract(&text).entities {
        println!("{}\t{}\t{}\t{}", e.text, e.label, e.lemma, e.source);
    }
}

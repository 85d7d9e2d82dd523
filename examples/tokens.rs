//! Prints the tokens of the text given as arguments.
fn main() {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    for t in polner::tokenize(&text) {
        println!("{:?}\t{:?}\t{}", t.kind, t.shape, &text[t.byte_range()]);
    }
}

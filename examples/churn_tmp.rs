fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let tokens = polner::tokenize(&text);
    let words: Vec<&str> = tokens.iter().filter(|t| t.kind == polner::TokenKind::Word).map(|t| t.text(&text)).collect();
    let m = polner::morph::Morphology::embedded();
    let mut buf = Vec::new();
    let (mut prev, mut up, mut total, mut zero, mut guessed) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for w in &words {
        m.analyze_into(w, &mut buf);
        let n = buf.len();
        up += n.saturating_sub(prev);
        total += n;
        zero += (n == 0) as usize;
        guessed += buf.first().is_some_and(|a| a.guessed) as usize;
        prev = n;
    }
    println!("tokens {} analyses {} churn-up {} empty {} guessed {}", words.len(), total, up, zero, guessed);
}

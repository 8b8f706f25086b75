fn rotate(c: char) -> char {
    match c {
        'a'..='z' => (((c as u8 - b'a') + 13) % 26 + b'a') as char,
        'A'..='Z' => (((c as u8 - b'A') + 13) % 26 + b'A') as char,
        _ => c,
    }
}

fn main() {
    let words: Vec<String> = std::env::args().skip(1).collect();
    let text = if words.is_empty() { "Hello, World".to_string() } else { words.join(" ") };
    let rotated: String = text.chars().map(rotate).collect();
    println!("{rotated}");
}

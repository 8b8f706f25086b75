/// Convert a temperature between Celsius ("c") and Fahrenheit ("f").
pub fn convert(value: f64, from: char) -> Option<(f64, char)> {
    match from.to_ascii_lowercase() {
        'c' => Some((value * 9.0 / 5.0 + 32.0, 'F')),
        'f' => Some(((value - 32.0) * 5.0 / 9.0, 'C')),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn boiling_point() {
        assert_eq!(super::convert(100.0, 'c'), Some((212.0, 'F')));
    }
}

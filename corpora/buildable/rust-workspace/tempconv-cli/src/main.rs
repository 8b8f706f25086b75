use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: tempconv VALUE[c|f]...");
        return ExitCode::from(2);
    }
    for arg in &args {
        let (number, unit) = arg.split_at(arg.len() - 1);
        let parsed = number.parse::<f64>().ok();
        match parsed.and_then(|v| tempconv_core::convert(v, unit.chars().next().unwrap())) {
            Some((out, to)) => println!("{arg} -> {out:.1}{to}"),
            None => {
                eprintln!("cannot read {arg}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

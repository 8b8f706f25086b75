use std::env;

/// Primes up to `limit` with a simple sieve.
fn primes(limit: usize) -> Vec<usize> {
    let mut sieve = vec![true; limit + 1];
    let mut found = Vec::new();
    for n in 2..=limit {
        if sieve[n] {
            found.push(n);
            let mut multiple = n * n;
            while multiple <= limit {
                sieve[multiple] = false;
                multiple += n;
            }
        }
    }
    found
}

fn main() {
    let limit = env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(50);
    let found = primes(limit);
    println!("{} primes up to {}: {:?}", found.len(), limit, found);
}

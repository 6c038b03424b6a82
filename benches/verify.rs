//! Criterion benchmarks of the Rust core, natively: `cargo bench --bench verify`.
//!
//! The same inputs as `make bench` (tools/bench/lib.mjs): QStash-style tokens over JSON bodies of
//! 100 B to 1 MB, signed by the current key and by the next key, so that a change to the core
//! can be judged without Node. `verify_digest` is the part the npm package runs in wasm when
//! the body's SHA-256 comes from `node:crypto`.
// Criterion is a native dev-dependency: on wasm32 (clippy --target wasm32) this is an empty main.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
    use qstash_verifier::{sign, Expect, SignOptions, Verifier};
    use sha2::{Digest, Sha256};

    const CURRENT: &str = "sig_benchCurrent7dPq2Lx9VbN4rT6wZ3kM8sHfJ";
    const NEXT: &str = "sig_benchNext3hWk5Qz8RcY2uPm7Gv4nXa9LdBt";
    const URL: &str = "https://abcdefghij0123456789.lambda-url.us-east-1.on.aws";
    const NOW: i64 = 1_767_225_600;

    /// A JSON text of exactly `size` bytes, as tools/bench/lib.mjs makes it.
    fn json_body(size: usize) -> Vec<u8> {
        let head = br#"{"event":"order.created","data":""#;
        let tail = br#""}"#;
        let alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789 ";
        let mut body = head.to_vec();
        let mut i = 0;
        while body.len() < size - tail.len() {
            body.push(alphabet[(i * 7) % alphabet.len()]);
            i += 1;
        }
        body.extend_from_slice(tail);
        body
    }

    fn token(key: &str, body: &[u8]) -> String {
        let opts = SignOptions {
            url: URL,
            body,
            now: NOW,
            ttl: 3600,
            jti: "jwt_2RzXbZk6sN1qYtWm8cV4pL7hKd3J",
        };
        sign(key, &opts).expect("signs")
    }

    fn verify(c: &mut Criterion) {
        let verifier = Verifier::new(CURRENT, Some(NEXT)).expect("keys");
        let expect = Expect::new(URL, NOW + 1);
        let mut group = c.benchmark_group("verify");
        for (name, size) in [
            ("100 B", 100),
            ("1 KB", 1024),
            ("64 KB", 64 * 1024),
            ("1 MB", 1024 * 1024),
        ] {
            let body = json_body(size);
            group.throughput(Throughput::Bytes(size as u64));
            for (key_name, key) in [("current", CURRENT), ("next", NEXT)] {
                let token = token(key, &body);
                assert!(verifier.verify(&token, &body, &expect).is_ok());
                group.bench_with_input(
                    BenchmarkId::new(format!("{key_name} key"), name),
                    &body,
                    |b, body| {
                        b.iter(|| verifier.verify(black_box(&token), black_box(body), &expect))
                    },
                );
            }
        }
        group.finish();
    }

    fn verify_digest(c: &mut Criterion) {
        let verifier = Verifier::new(CURRENT, Some(NEXT)).expect("keys");
        let expect = Expect::new(URL, NOW + 1);
        let body = json_body(1024);
        let digest: [u8; 32] = Sha256::digest(&body).into();
        let mut group = c.benchmark_group("verify_digest (token only)");
        for (key_name, key) in [("current", CURRENT), ("next", NEXT)] {
            let token = token(key, &body);
            group.bench_function(format!("{key_name} key"), |b| {
                b.iter(|| verifier.verify_digest(black_box(&token), black_box(&digest), &expect))
            });
        }
        group.bench_function("refused: invalid signature", |b| {
            let token = token("sig_someoneElse", &body);
            b.iter(|| verifier.verify_digest(black_box(&token), black_box(&digest), &expect))
        });
        group.finish();
    }

    criterion_group!(benches, verify, verify_digest);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}

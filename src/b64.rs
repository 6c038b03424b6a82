//! Canonical unpadded base64url (RFC 4648 §5), the only encoding a JWS compact token uses.
//!
//! Written out rather than taken from the `base64` crate, whose general engine is about a tenth
//! of the `.wasm`. The rules are those of `base64`'s `URL_SAFE_NO_PAD` (which the tests below
//! compare it with): the alphabet `A–Z a–z 0–9 - _` only (so no `=`, `+`, `/` or whitespace), no
//! length of the form 4n + 1, and the unused bits of the last character zero.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Not a base64url character.
const INVALID: u8 = 0xff;

/// Each byte's 6-bit value, or [`INVALID`].
const VALUES: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Encodes `bytes` as unpadded base64url.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = vec![0u8; encoded_len(bytes.len())];
    encode_to(bytes, &mut out);
    String::from_utf8(out).unwrap_or_default() // always ASCII
}

/// The length of `len` bytes as unpadded base64url.
pub(crate) const fn encoded_len(len: usize) -> usize {
    (len * 4).div_ceil(3)
}

/// Encodes `bytes` as unpadded base64url into `out`, which must be exactly
/// `encoded_len(bytes.len())` long; with no allocation, for the body check.
pub(crate) fn encode_to(bytes: &[u8], out: &mut [u8]) {
    debug_assert_eq!(out.len(), encoded_len(bytes.len()));
    // Written through slices (plain stores), not `push`: fast even where the `.wasm` is built
    // for size and `push` is not inlined. Three bytes to four characters at a time.
    let sextet = |n: u32, shift: u32| ALPHABET[(n >> shift) as usize & 63];
    let triples = bytes.chunks_exact(3);
    let rest = triples.remainder();
    let mut quads = out.chunks_exact_mut(4);
    for (t, q) in triples.zip(&mut quads) {
        let n = u32::from(t[0]) << 16 | u32::from(t[1]) << 8 | u32::from(t[2]);
        q.copy_from_slice(&[sextet(n, 18), sextet(n, 12), sextet(n, 6), sextet(n, 0)]);
    }
    // One or two bytes left: two or three characters.
    let tail = quads.into_remainder();
    let n = rest.iter().fold(0u32, |n, &b| n << 8 | u32::from(b)) << (8 * (3 - rest.len()) % 24);
    for (k, c) in tail.iter_mut().enumerate() {
        *c = sextet(n, 18 - 6 * k as u32);
    }
}

/// Decodes canonical unpadded base64url; `None` for anything else.
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    let s = text.as_bytes();
    let tail = s.len() % 4;
    if tail == 1 {
        return None;
    }
    let mut out = vec![0u8; s.len() * 3 / 4];
    let (quads, rest) = s.split_at(s.len() - tail);
    // Four characters to three bytes at a time, through slices (plain stores, as in `encode`).
    // A valid character's value is below 64, `INVALID` is not: one test for all four.
    for (quad, bytes) in quads.chunks_exact(4).zip(out.chunks_exact_mut(3)) {
        let [a, b, c, d] = [0, 1, 2, 3].map(|k| u32::from(VALUES[usize::from(quad[k])]));
        if (a | b | c | d) >= 64 {
            return None;
        }
        let n = (a << 18) | (b << 12) | (c << 6) | d;
        bytes.copy_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    let mut n = 0u32;
    for &c in rest {
        let v = VALUES[usize::from(c)];
        if v == INVALID {
            return None;
        }
        n = (n << 6) | u32::from(v);
    }
    let buf = out.as_mut_slice();
    let j = quads.len() / 4 * 3;
    // The last 2 or 3 characters carry 12 or 18 bits: 1 or 2 bytes, and the bits left over
    // must be zero.
    match tail {
        2 if n & 0xf == 0 => buf[j] = (n >> 4) as u8,
        3 if n & 0x3 == 0 => {
            buf[j] = (n >> 10) as u8;
            buf[j + 1] = (n >> 2) as u8;
        }
        0 => {}
        _ => return None,
    }
    Some(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    use proptest::prelude::*;

    #[test]
    fn rfc_4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).as_deref(), Some(plain.as_bytes()));
        }
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
        for bad in [
            "A",
            "Zg=",
            "Zg==",
            "Zh",
            "Zm9=",
            "Zm+v",
            "Zm/v",
            "Zm9v Yg",
            "Zm9\u{e9}",
        ] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn encodes_as_the_base64_crate(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(encode(&bytes), URL_SAFE_NO_PAD.encode(&bytes));
        }

        #[test]
        fn decodes_as_the_base64_crate(text in "[A-Za-z0-9_=+/. -]{0,40}") {
            prop_assert_eq!(decode(&text), URL_SAFE_NO_PAD.decode(&text).ok());
        }

        #[test]
        fn decodes_the_alphabet_as_the_base64_crate(text in "[A-Za-z0-9_-]{0,40}") {
            prop_assert_eq!(decode(&text), URL_SAFE_NO_PAD.decode(&text).ok());
        }

        #[test]
        fn decodes_what_it_encodes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(decode(&encode(&bytes)), Some(bytes));
        }
    }
}

//! Entry points for the `cargo fuzz` targets in `fuzz/`. Not part of the public API: hidden from
//! the documentation, and free to change in any release.
//!
//! They reach what [`crate::Verifier`] only reaches after a matching MAC (the claims reader) and
//! the strict JSON reader on its own, so that a fuzzer without the key can explore them.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::{token, Claims, Error};

/// What [`parse_token`] found.
#[derive(Debug)]
pub struct ParsedToken {
    /// `header.payload`, the bytes the HMAC covers.
    pub signing_input: String,
    /// The decoded payload.
    pub payload: Vec<u8>,
    /// The decoded signature.
    pub signature: Vec<u8>,
    /// The claims reader's verdict on the payload (which the verifier only reads after the MAC).
    pub claims: Result<Claims, Error>,
}

/// The structural checks of a token (size, segments, canonical base64url, header and `alg`),
/// then the claims reader on its payload, skipping the MAC.
///
/// # Errors
/// As the structural part of [`crate::Verifier::verify`].
pub fn parse_token(token: &str) -> Result<ParsedToken, Error> {
    let t = token::parse(token)?;
    let claims = Claims::parse(&t.payload);
    Ok(ParsedToken {
        signing_input: t.signing_input.to_string(),
        payload: t.payload,
        signature: t.signature,
        claims,
    })
}

/// The strict JSON reader on one object: the number of top-level members.
///
/// # Errors
/// The reader's reason, for anything that is not one strict JSON object.
pub fn parse_json_object(text: &str) -> Result<usize, &'static str> {
    crate::json::parse_object(text).map(|members| members.len())
}

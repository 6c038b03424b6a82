//! A strict JSON reader for the two small objects of a JWT: the header and the claims.
//!
//! Why not `serde_json`: the rules need what it does not tell (a duplicated member anywhere is
//! refused, an integer claim must be written without fraction or exponent), and its float
//! parsing would double the size of the `.wasm`. This reader follows RFC 8259 strictly: UTF-8
//! only, no trailing commas, no comments, no lone surrogates, nesting at most [`MAX_DEPTH`].
//! It keeps the top-level members and only validates what is nested.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

/// Deepest nesting accepted inside a header or claims object.
pub(crate) const MAX_DEPTH: usize = 32;

/// A top-level member's value, as far as the verifier cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value<'a> {
    /// A string, unescaped.
    Str(Cow<'a, str>),
    /// An integer written without fraction or exponent, within `i64`.
    Int(i64),
    /// An integer written without fraction or exponent, outside `i64`.
    BigInt,
    /// A number with a fraction or an exponent.
    Float,
    /// `true`, `false`, `null`, an array or an object.
    Other,
}

/// The members of a JSON object, in order, each name unique.
pub(crate) type Members<'a> = Vec<(Cow<'a, str>, Value<'a>)>;

/// Parses `text` as one JSON object. The error is a short reason for a message.
pub(crate) fn parse_object(text: &str) -> Result<Members<'_>, &'static str> {
    let mut members = Vec::with_capacity(8);
    each_member(text, &mut |name, value| members.push((name, value)))?;
    Ok(members)
}

/// Parses `text` as one JSON object, handing each top-level member to `each`, in order. The
/// whole object is read (and a duplicated name refused) before `Ok`: what `each` saw counts
/// only then.
pub(crate) fn each_member<'a>(
    text: &'a str,
    each: &mut dyn FnMut(Cow<'a, str>, Value<'a>),
) -> Result<(), &'static str> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    p.ws();
    if p.peek() != Some(b'{') {
        return Err("not a JSON object");
    }
    p.object(0, each)?;
    p.ws();
    if p.i != p.s.len() {
        return Err("trailing characters after the JSON object");
    }
    Ok(())
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

impl<'a> Parser<'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// `text[start..i]`. Both ends are at ASCII bytes, so this never fails; `get` (rather than
    /// indexing) keeps the panicking slice path, and its formatting, out of the `.wasm`.
    fn slice(&self, start: usize) -> Result<&'a str, &'static str> {
        self.text.get(start..self.i).ok_or("invalid JSON string")
    }

    #[inline(always)]
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    #[inline(always)]
    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Parses an object at `self.i` (which is `{`), handing each member to `each`.
    fn object(
        &mut self,
        depth: usize,
        each: &mut dyn FnMut(Cow<'a, str>, Value<'a>),
    ) -> Result<(), &'static str> {
        if depth >= MAX_DEPTH {
            return Err("JSON nested too deeply");
        }
        self.i += 1; // `{`

        // Kept sorted (a binary search per member, no sort routine in the `.wasm`); a duplicate
        // is reported once the whole object has been read, as before any other check.
        let mut names: Vec<Cow<'a, str>> = Vec::with_capacity(8);
        let mut duplicated = false;
        self.ws();
        if !self.eat(b'}') {
            loop {
                self.ws();
                if self.peek() != Some(b'"') {
                    return Err("invalid JSON: expected a member name");
                }
                let name = self.string()?;
                self.ws();
                if !self.eat(b':') {
                    return Err("invalid JSON: expected ':'");
                }
                self.ws();
                let value = self.value(depth)?;
                // Byte by byte: names are short, and a call to `memcmp` costs more than them.
                match names.binary_search_by(|n| n.bytes().cmp(name.bytes())) {
                    Ok(_) => duplicated = true,
                    Err(at) => names.insert(at, name.clone()),
                }
                each(name, value);
                self.ws();
                if self.eat(b'}') {
                    break;
                }
                if !self.eat(b',') {
                    return Err("invalid JSON: expected ',' or '}'");
                }
            }
        }
        if duplicated {
            return Err("a JSON object has a duplicated member");
        }
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, &'static str> {
        match self.peek() {
            Some(b'"') => Ok(Value::Str(self.string()?)),
            Some(b'{') => {
                self.object(depth + 1, &mut |_, _| {})?;
                Ok(Value::Other)
            }
            Some(b'[') => {
                self.array(depth + 1)?;
                Ok(Value::Other)
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => {
                for word in [&b"true"[..], b"false", b"null"] {
                    if self.s.get(self.i..).unwrap_or_default().starts_with(word) {
                        self.i += word.len();
                        return Ok(Value::Other);
                    }
                }
                Err("invalid JSON value")
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), &'static str> {
        if depth >= MAX_DEPTH {
            return Err("JSON nested too deeply");
        }
        self.i += 1; // `[`
        self.ws();
        if self.eat(b']') {
            return Ok(());
        }
        loop {
            self.ws();
            self.value(depth)?;
            self.ws();
            if self.eat(b']') {
                return Ok(());
            }
            if !self.eat(b',') {
                return Err("invalid JSON: expected ',' or ']'");
            }
        }
    }

    #[inline(always)]
    fn digits(&mut self) -> usize {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Result<Value<'a>, &'static str> {
        let negative = self.eat(b'-');
        let start = self.i;
        let n = self.digits();
        if n == 0 || (n > 1 && self.s[start] == b'0') {
            return Err("invalid JSON number");
        }
        let int_digits = &self.s[start..self.i];
        let mut float = false;
        if self.eat(b'.') {
            if self.digits() == 0 {
                return Err("invalid JSON number");
            }
            float = true;
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return Err("invalid JSON number");
            }
            float = true;
        }
        if float {
            return Ok(Value::Float);
        }
        // Accumulate towards the sign so that i64::MIN fits.
        let mut v: i64 = 0;
        for &d in int_digits {
            let d = i64::from(d - b'0');
            let next = v.checked_mul(10).and_then(|v| {
                if negative {
                    v.checked_sub(d)
                } else {
                    v.checked_add(d)
                }
            });
            match next {
                Some(n) => v = n,
                None => return Ok(Value::BigInt),
            }
        }
        Ok(Value::Int(v))
    }

    fn hex4(&mut self) -> Result<u32, &'static str> {
        let h = self
            .s
            .get(self.i..self.i + 4)
            .ok_or("invalid JSON escape")?;
        let mut v = 0u32;
        for &c in h {
            let d = (c as char).to_digit(16).ok_or("invalid JSON escape")?;
            v = v * 16 + d;
        }
        self.i += 4;
        Ok(v)
    }

    /// Parses a string at `self.i` (which is `"`).
    fn string(&mut self) -> Result<Cow<'a, str>, &'static str> {
        self.i += 1;
        let start = self.i;
        // Fast path: no escapes. The run of plain bytes is found in one pass over the slice.
        let rest = self.s.get(start..).unwrap_or_default();
        self.i += rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(rest.len());
        match self.peek() {
            None => return Err("invalid JSON: unterminated string"),
            Some(b'"') => {
                let s = self.slice(start)?;
                self.i += 1;
                return Ok(Cow::Borrowed(s));
            }
            Some(b'\\') => {}
            Some(_) => return Err("invalid JSON: control character in a string"),
        }
        let mut out = String::from(self.slice(start)?);
        loop {
            match self.peek() {
                None => return Err("invalid JSON: unterminated string"),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let hi = self.hex4()?;
                            let code = match hi {
                                0xD800..=0xDBFF => {
                                    if !(self.eat(b'\\') && self.eat(b'u')) {
                                        return Err("invalid JSON: lone surrogate");
                                    }
                                    let lo = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&lo) {
                                        return Err("invalid JSON: lone surrogate");
                                    }
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                }
                                0xDC00..=0xDFFF => return Err("invalid JSON: lone surrogate"),
                                c => c,
                            };
                            out.push(char::from_u32(code).ok_or("invalid JSON escape")?);
                            continue;
                        }
                        _ => return Err("invalid JSON escape"),
                    };
                    self.i += 1;
                    out.push(c);
                }
                Some(0..=0x1f) => return Err("invalid JSON: control character in a string"),
                Some(_) => {
                    // Copy a run of plain characters at once; `text` is valid UTF-8 and the
                    // run ends at an ASCII byte, so the slice boundaries are char boundaries.
                    let run = self.i;
                    while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                        self.i += 1;
                    }
                    out.push_str(self.slice(run)?);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(s: &str) -> Result<Members<'_>, &'static str> {
        parse_object(s)
    }

    #[test]
    fn reads_top_level_members() {
        let m = members(
            r#" {"a":"x\u00e9\ud83d\ude00","b":-62135596800,"c":1.5,"d":[1,{"e":null}],"f":true} "#,
        )
        .expect("valid");
        assert_eq!(m[0], ("a".into(), Value::Str("xé😀".into())));
        assert_eq!(m[1].1, Value::Int(-62_135_596_800));
        assert_eq!(m[2].1, Value::Float);
        assert_eq!(m[3].1, Value::Other);
        assert_eq!(m[4].1, Value::Other);
    }

    #[test]
    fn integers_at_the_edges_of_i64() {
        let m = members(r#"{"max":9223372036854775807,"min":-9223372036854775808,"over":9223372036854775808,"under":-9223372036854775809,"e":1e3,"z":-0}"#)
            .expect("valid");
        assert_eq!(m[0].1, Value::Int(i64::MAX));
        assert_eq!(m[1].1, Value::Int(i64::MIN));
        assert_eq!(m[2].1, Value::BigInt);
        assert_eq!(m[3].1, Value::BigInt);
        assert_eq!(m[4].1, Value::Float);
        assert_eq!(m[5].1, Value::Int(0));
    }

    #[test]
    fn duplicated_members_are_refused_at_every_depth() {
        assert!(members(r#"{"a":1,"a":2}"#).is_err());
        assert!(members(r#"{"sub":1,"\u0073ub":2}"#).is_err());
        assert!(members(r#"{"x":{"a":1,"a":2}}"#).is_err());
        assert!(members(r#"{"x":[{"a":1,"a":2}]}"#).is_err());
        assert!(members(r#"{"a":1,"b":{"a":2}}"#).is_ok());
    }

    #[test]
    fn refuses_what_rfc_8259_refuses() {
        for bad in [
            "",
            "[]",
            "\"s\"",
            "{",
            "{}x",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{'a':1}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":.5}",
            "{\"a\":1e}",
            "{\"a\":+1}",
            "{\"a\":tru}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\ud800\"}",
            "{\"a\":\"\\udc00x\"}",
            "{\"a\":\"\\ud800\\u0041\"}",
            "{\"a\":\"tab\there\"}",
            "{\"a\":\"unterminated}",
            "{\"a\":[1,]}",
            "{\"a\":NaN}",
            "{/*c*/\"a\":1}",
        ] {
            assert!(members(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!(
            "{{\"a\":{}{}}}",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        assert_eq!(members(&deep), Err("JSON nested too deeply"));
        let ok = format!(
            "{{\"a\":{}{}}}",
            "[".repeat(MAX_DEPTH - 2),
            "]".repeat(MAX_DEPTH - 2)
        );
        assert!(members(&ok).is_ok());
    }
}

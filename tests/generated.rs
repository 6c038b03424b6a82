//! The files generated from the core's constants, and the lists that must agree with
//! `Error::CODES`. `UPDATE_GENERATED=1 cargo test --test generated` rewrites the generated ones.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write as _;
use std::path::Path;

use qstash_verifier::boundary as b;
use qstash_verifier::Error;

const BANNER: &str =
    "// Generated from src/boundary.rs and src/error.rs by tests/generated.rs: do not edit.\n";

/// js/src/boundary.generated.js: the boundary's layout and the error codes, for the shim.
fn boundary_js() -> String {
    let mut out = String::from(BANNER);
    out.push_str("// What each constant means: src/boundary.rs.\n");
    let constants: [(&str, usize); 21] = [
        ("MAX_TOKEN_LEN", b::MAX_TOKEN_LEN),
        ("MAX_URL_LEN", b::MAX_URL_LEN),
        ("FLAG_BODY", b::FLAG_BODY.into()),
        ("FLAG_URLS", b::FLAG_URLS.into()),
        ("FLAG_CLAIMS", b::FLAG_CLAIMS.into()),
        ("FLAG_PATH", b::FLAG_PATH.into()),
        ("FLAG_LIMIT", b::FLAG_LIMIT.into()),
        ("OUT_STATUS", b::OUT_STATUS),
        ("OUT_MESSAGE", b::OUT_MESSAGE),
        ("OUT_KEY", b::OUT_KEY),
        ("OUT_HAS_IAT", b::OUT_HAS_IAT),
        ("OUT_HAS_JTI", b::OUT_HAS_JTI),
        ("OUT_HAS_AUD", b::OUT_HAS_AUD),
        ("OUT_EXP", b::OUT_EXP),
        ("OUT_NBF", b::OUT_NBF),
        ("OUT_IAT", b::OUT_IAT),
        ("OUT_LENGTHS", b::OUT_LENGTHS),
        ("OUT_STRINGS", b::OUT_STRINGS),
        ("STATUS_ACCEPTED", b::STATUS_ACCEPTED.into()),
        ("STATUS_BAD_INPUT", b::STATUS_BAD_INPUT.into()),
        ("STATUS_REFUSED", b::STATUS_REFUSED.into()),
    ];
    for (name, value) in constants {
        writeln!(out, "export const {name} = {value};").expect("write to a String");
    }
    // The union of the codes is the published `ErrorCode` type (the build emits it into
    // dist/index.d.ts): adding a code is a minor change, renaming one a major change.
    out.push_str(
        "/**\n * Every `SignatureError.code`, in the order of the checks. Adding a code is a minor \
         change; renaming\n * one is a major change.\n * @typedef {(\n",
    );
    for code in Error::CODES {
        writeln!(out, " *   | \"{code}\"").expect("write to a String");
    }
    out.push_str(" * )} ErrorCode\n */\n\n");
    out.push_str(
        "/**\n * Every `SignatureError.code`, in the order of the checks (`Error::CODES`).\n \
         * @type {readonly ErrorCode[]}\n */\n",
    );
    out.push_str("export const ERROR_CODES = Object.freeze([\n");
    for code in Error::CODES {
        writeln!(out, "  \"{code}\",").expect("write to a String");
    }
    out.push_str("]);\n");
    out
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Compares `path` with `want`, or writes it under UPDATE_GENERATED=1.
fn check_or_write(path: &str, want: &str) {
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(root().join(path), want).unwrap_or_else(|e| panic!("{path}: {e}"));
        return;
    }
    assert!(
        read(path) == want,
        "{path} is stale: run `UPDATE_GENERATED=1 cargo test --test generated`"
    );
}

#[test]
fn the_shim_constants_are_generated_from_the_core() {
    check_or_write("js/src/boundary.generated.js", &boundary_js());
}

/// The codes in the order they appear in `text`, found as backquoted or quoted words.
fn codes_in(text: &str, open: char, close: char) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(open) {
        let after = &rest[i + open.len_utf8()..];
        match after.find(close) {
            Some(j) => {
                let word = &after[..j];
                if Error::CODES.contains(&word) {
                    found.push(word.to_string());
                }
                rest = &after[j + close.len_utf8()..];
            }
            None => break,
        }
    }
    found
}

#[test]
fn the_readme_table_lists_every_code_in_order() {
    let readme = read("README.md");
    let table: String = readme
        .lines()
        .skip_while(|l| !l.starts_with("| code | meaning |"))
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('|').nth(1).unwrap_or_default().to_string() + "\n")
        .collect();
    assert_eq!(
        codes_in(&table, '`', '`'),
        Error::CODES,
        "README.md's error-code table"
    );
}

#[test]
fn the_vector_generator_lists_every_code_in_order() {
    let source = read("tools/testing/gen-vectors.mjs");
    let list = source
        .split("const CODES = [")
        .nth(1)
        .and_then(|s| s.split("];").next())
        .expect("tools/testing/gen-vectors.mjs has `const CODES = [...]`");
    assert_eq!(
        codes_in(list, '"', '"'),
        Error::CODES,
        "tools/testing/gen-vectors.mjs's CODES"
    );
}

/// Every page with a ```rust block (README.md, docs/*.md) is one that src/lib.rs includes as
/// doctests, so that no Rust example in the guides goes uncompiled.
#[test]
fn every_page_with_rust_blocks_is_doctested() {
    let lib = read("src/lib.rs");
    let mut pages = vec!["README.md".to_string()];
    let docs = std::fs::read_dir(root().join("docs")).expect("docs/ is readable");
    let mut names: Vec<String> = docs
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    names.sort();
    pages.extend(names);
    for page in pages {
        let has_rust = read(&page)
            .lines()
            .any(|l| l.trim_start().starts_with("```rust"));
        let included = lib.contains(&format!("include_str!(\"../{page}\")"));
        assert!(
            !has_rust || included,
            "{page} has Rust blocks: include it in src/lib.rs as #[cfg(doctest)] doctests"
        );
    }
}

//! The floor of the package's .wasm (see Cargo.toml): the MAC check and the body's SHA-256, the
//! two things no smaller core could leave out, with the same crates, allocator and build.
#![cfg_attr(target_arch = "wasm32", no_std)]

// The package's own panic handler and allocator, so that the floor is built as it is.
#[cfg(target_arch = "wasm32")]
#[path = "../../../src/wasm/runtime.rs"]
mod runtime;

#[cfg(target_arch = "wasm32")]
mod floor {
    use hmac::{Hmac, KeyInit, Mac};
    use sha2::{Digest, Sha256};
    use wasm_bindgen::prelude::*;

    /// Whether `signature` is the HMAC-SHA256 of `signing_input` under `key` (constant time).
    #[wasm_bindgen]
    pub fn mac_ok(key: &[u8], signing_input: &[u8], signature: &[u8]) -> bool {
        Hmac::<Sha256>::new_from_slice(key).is_ok_and(|mac| {
            mac.chain_update(signing_input)
                .verify_slice(signature)
                .is_ok()
        })
    }

    /// The SHA-256 of `body`, into `out`'s first 32 bytes.
    #[wasm_bindgen]
    pub fn body_sha256(body: &[u8], out: &mut [u8]) {
        if let Some(out) = out.get_mut(..32) {
            out.copy_from_slice(&Sha256::digest(body));
        }
    }
}

//! What a `no_std` wasm build needs besides its exports: the panic handler and the allocator.
//! One file for the package's build (`src/wasm.rs`) and for `tools/bench/floor`, which must be built
//! exactly as the package is.

// Not under `wasm-pack test` (the Makefile sets `--cfg qstash_wasm_test`), whose harness links
// std, and with it std's handler.
#[cfg(all(not(feature = "std"), not(qstash_wasm_test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// `lol_alloc`'s free-list allocator (sorted by address, coalescing neighbours) instead of Rust's
/// default dlmalloc: as fast here, and a smaller `.wasm` (docs/bench-report.md). Its spin lock is never
/// contended (this module runs on one thread), and installing it needs no `unsafe` in this crate.
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

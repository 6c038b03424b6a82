// One guard for calls into a wasm instance, shared by the verifying module (core.js) and the
// tools module (tools.js): a call abandoned half-way (a JS exception through wasm, such as a stack
// overflow, or a trap) can leave the instance's allocator lock taken or its shadow stack moved,
// and nothing in wasm can undo that, so the next call first makes a new instance. The mark is a
// bare assignment in a catch, which cannot itself throw. Imports nothing, so tools.cjs carries no
// copy of the verifier.

/**
 * `into(f)` calls `f` (which calls into wasm), replacing the instance by `reinstantiate()` first
 * if an earlier call was abandoned.
 * @param {() => unknown} reinstantiate
 */
export function guardWasm(reinstantiate) {
  let abandoned = false;
  /**
   * @template T
   * @param {() => T} f
   * @returns {T}
   */
  return function into(f) {
    if (abandoned) {
      reinstantiate();
      abandoned = false;
    }
    try {
      return f();
    } catch (e) {
      abandoned = true;
      throw e;
    }
  };
}

/**
 * The C allocator's settings the server runs with (issue 19, idle memory).
 *
 * glibc's malloc raises its threshold for handing big blocks to mmap each time such a block is freed, up
 * to 32 MB; blocks under the threshold come from its heaps and, once freed, mostly stay in the process.
 * Starting up compiles the embedded database's WebAssembly and Prisma's query compiler, and the large
 * buffers that work frees were left resident: a fixed threshold of 1 MB returns them to the system.
 * Measured idle after start (RSS, two forced collections): PostgreSQL 160 → 113 MB, the embedded database
 * 261 → 191 MB. Allocations over 1 MB are rare on the paths that serve edits and pages.
 *
 * glibc reads GLIBC_TUNABLES when a process starts, so it is set by whoever starts the server:
 * `npm start` and `npm run serve` (package.json, checked by tests/unit/allocator.test.ts against this
 * constant), and the tests' and the benchmark's launcher (tests/support/server.ts).
 * Other C libraries (macOS, musl) ignore the variable.
 */
export const ALLOCATOR_TUNABLES = "glibc.malloc.mmap_threshold=1048576";

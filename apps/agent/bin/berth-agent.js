#!/usr/bin/env -S UV_USE_IO_URING=0 MALLOC_ARENA_MAX=2 MALLOC_TRIM_THRESHOLD_=131072 node --max-semi-space-size=1 --optimize-for-size
// UV_USE_IO_URING=0: libuv's thread pool for file system calls, never io_uring (which some Node
// 20 releases turn on by default): with io_uring, cold pulls took 1.5–2× as long on this host
// (A/B of two agents, 6 alternating pulls each; see the README's Performance section).
// --max-semi-space-size=1 (MB): V8's young generation otherwise grows to 2 × 16 MB during bursts
// (e.g. starting 100 containers) and stays committed; the agent keeps little short-lived data, so
// small semi-spaces cost a few more sub-millisecond scavenges and save ≈ 25–30 MB of RSS.
// MALLOC_ARENA_MAX=2: glibc otherwise gives each thread that mallocs (libuv's pool: zlib during
// pulls, fs calls) its own arena and keeps what was freed there. With both (was: semi-space 2, no
// arena cap), RSS with 200 containers 124 → 113 MB, after a pull with none 107 → 92 MB (two A/B
// runs each of bench/stats.ts, 2026-12-06; see the README's Performance section).
// MALLOC_TRIM_THRESHOLD_=131072 (glibc's default, made fixed): otherwise glibc raises its mmap and
// trim thresholds after a large buffer is freed (up to 32 / 64 MB) and then keeps that much freed
// memory at the top of its heap, and puts the stats rings' 1 MiB slabs inside it (measured with
// 200 containers: 12–18 MB that only malloc_trim gave back; see bench/README.md, 2026-12-06 night).
// Not MALLOC_MMAP_THRESHOLD_=32768: it kept glibc's heap at 5–6 MB (holes between long-lived
// allocations no longer left by 64 KiB socket reads; with 200 containers RSS 86–91 against 97–98
// MB for the same code), but every such buffer then costs an mmap/munmap and fresh zero pages: a
// cold pull took 12–16 % more CPU and was slower in 6 of 6 rounds (bench/README.md, "Agent RSS,
// 2026-12-07 morning"). Pulls are what people wait for; the memory is left to other levers.
// --optimize-for-size: V8 lets the old generation grow by smaller steps past its live size before
// a full GC (and favours size elsewhere): with 200 containers RSS 97–109 → 90–97 MB, CPU probably
// +0.2 % of a core (alternating bench/stats.ts runs, 2026-12-07; bench/README.md, "Agent RSS,
// 2026-12-07 early morning").
// Stable bin shim (exists before the build so npm links it); the daemon is compiled to dist/.
await import('../dist/bin/berth-agent.js');

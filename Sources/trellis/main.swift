import ArgumentParser
import Foundation

// The allocator is jemalloc (linked by importing it): a build makes millions of small objects from
// several threads, and at 100,000 notes glibc's malloc spent a quarter of `check` searching its
// free lists. `check` of 100,000 notes 8.1 → 6.0 s, of 10,000 0.63 → 0.53 s; a full build of
// 100,000 notes 49 → 40–44 s (of 10,000, unchanged).
import CJemalloc

// Usage errors exit 2, as the README documents (ArgumentParser's own default is 64).
await Trellis.run(CommandLine.arguments.dropFirst().map { $0 })

import ArgumentParser
import Foundation

// The allocator is jemalloc (linked by importing it): a build makes millions of small objects from
// several threads, and glibc's malloc spends much of a large build searching its free lists
// (BENCHMARKS.md has the figures).
import CJemalloc

// Usage errors exit 2, as the README documents (ArgumentParser's own default is 64).
await Trellis.run(CommandLine.arguments.dropFirst().map { $0 })

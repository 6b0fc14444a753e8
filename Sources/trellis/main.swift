import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc

// A build allocates a few hundred megabytes from several threads. glibc grows each thread's heap
// 128 KiB at a time, a system call each (a tenth of a build's system time, 5% of its wall time
// at 10,000 notes); growing it 64 MiB at a time costs address space, not memory. `mallopt` is
// looked up because Swift's Glibc module leaves out <malloc.h>; -2 is its M_TOP_PAD.
if let mallopt = dlsym(nil, "mallopt") {
    _ = unsafeBitCast(mallopt, to: (@convention(c) (Int32, Int32) -> Int32).self)(-2, 64 << 20)
}
#endif

// Usage errors exit 2, as the README documents (ArgumentParser's own default is 64).
await Trellis.run(CommandLine.arguments.dropFirst().map { $0 })

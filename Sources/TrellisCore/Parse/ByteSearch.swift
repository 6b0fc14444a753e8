import Foundation

extension UnsafeBufferPointer where Element == UInt8 {
    /// The index of the first `byte` at or after `start`, found with memchr: the fast way past the
    /// long stretches of a note that hold nothing a scan looks for.
    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard let base = baseAddress, start < count else { return nil }
        guard let found = memchr(base + start, Int32(byte), count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

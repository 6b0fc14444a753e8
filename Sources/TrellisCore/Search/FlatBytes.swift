import Foundation

/// Byte strings end to end, with where each ends: a term's symbols or entries, without an array
/// (an allocation and a reference count) for each of a hundred thousand terms.
struct FlatBytes: Sendable, Equatable {
    var bytes: [UInt8] = []
    var ends: [UInt32] = []

    init() {}

    init(bytes: [UInt8], ends: [UInt32]) {
        self.bytes = bytes
        self.ends = ends
    }

    /// Parts one after another.
    init(joining parts: [FlatBytes]) {
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
        ends.reserveCapacity(parts.reduce(0) { $0 + $1.ends.count })
        for part in parts {
            let offset = UInt32(bytes.count)
            bytes += part.bytes
            ends += part.ends.map { $0 + offset }
        }
    }

    var count: Int { ends.count }

    func range(of part: Int) -> Range<Int> {
        (part == 0 ? 0 : Int(ends[part - 1]))..<Int(ends[part])
    }

    /// Where the bytes of consecutive parts are.
    func range(of parts: Range<Int>) -> Range<Int> {
        guard !parts.isEmpty else { return 0..<0 }
        return range(of: parts.lowerBound).lowerBound..<range(of: parts.upperBound - 1).upperBound
    }

    mutating func append(_ part: [UInt8]) {
        bytes += part
        ends.append(UInt32(bytes.count))
    }

    /// Consecutive parts of another.
    mutating func append(parts: Range<Int>, of other: FlatBytes) {
        let offset = Int64(bytes.count) - Int64(parts.lowerBound == 0 ? 0 : other.ends[parts.lowerBound - 1])
        bytes += other.bytes[other.range(of: parts)]
        for part in parts { ends.append(UInt32(Int64(other.ends[part]) + offset)) }
    }
}

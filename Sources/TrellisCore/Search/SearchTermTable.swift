import Foundation

/// A hash table from terms, as UTF-8 bytes, to values: the terms of a note while they are
/// counted, and the postings of every term while they are gathered.
///
/// A `[String: Value]` made a string per occurrence of a word and hashed it with the seeded
/// SipHash of the standard library, twice (once per note, once per build); here a term's bytes are
/// hashed where the tokenizer wrote them and copied in only the first time the term is met.
/// Terms are kept in the order they were first met.
struct SearchTermTable<Value> {
    /// The terms end to end, in the order they were first met.
    private(set) var keys = FlatBytes()
    /// The value of each term, by the term's place in `keys`.
    var values: [Value] = []
    private var hashes: [UInt32] = []
    /// Open addressing with linear probing: a term's place + 1, or 0 for an empty slot. The
    /// count is a power of two at least twice the number of terms.
    private var slots: [Int32]

    /// Room for `capacity` terms before the table grows.
    init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        keys.ends.reserveCapacity(capacity)
        keys.bytes.reserveCapacity(capacity * 8)
        values.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    var count: Int { values.count }

    /// The place of `key`, added with `value()` when it is not here yet.
    mutating func place(of key: UnsafeBufferPointer<UInt8>, orAdd value: () -> Value) -> Int {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            if hashes[entry - 1] == hash && keyEquals(entry - 1, key) { return entry - 1 }
            slot = (slot + 1) & mask
        }
        let place = values.count
        keys.bytes.append(contentsOf: key)
        keys.ends.append(UInt32(keys.bytes.count))
        values.append(value())
        hashes.append(hash)
        slots[slot] = Int32(place + 1)
        if values.count * 2 > slots.count { grow() }
        return place
    }

    /// The bytes of the term at `place`, for the time of `body`.
    func withKey<Result>(_ place: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let range = keys.range(of: place)
        return keys.bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The term at `place`.
    func key(_ place: Int) -> String { withKey(place) { String(decoding: $0, as: UTF8.self) } }

    /// The terms alone, in arrays no larger than they need to be: a note's terms are held for
    /// each of a few thousand notes at once.
    func compactedKeys() -> FlatBytes {
        FlatBytes(
            bytes: keys.bytes.withUnsafeBufferPointer { Array($0) },
            ends: keys.ends.withUnsafeBufferPointer { Array($0) })
    }

    private func keyEquals(_ place: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = keys.range(of: place)
        guard range.count == key.count else { return false }
        return keys.bytes.withUnsafeBufferPointer { bytes in
            // Terms are short: a loop costs less than a call to memcmp.
            for offset in 0..<key.count where bytes[range.lowerBound + offset] != key[offset] { return false }
            return true
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (place, hash) in hashes.enumerated() {
            var slot = Int(hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(place + 1)
        }
    }

    /// A multiply-and-fold hash over eight bytes at a time: terms are short and the table is
    /// in memory, so it needs to spread terms, not to resist an attacker who sees the hashes.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = searchTermSeed ^ UInt64(truncatingIfNeeded: key.count) &* multiplier
        var index = 0
        let raw = UnsafeRawBufferPointer(key)
        while index + 8 <= key.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = mix(hash ^ word, multiplier)
            index += 8
        }
        if index < key.count {
            var word: UInt64 = 0
            for offset in index..<key.count { word |= UInt64(key[offset]) << (8 * UInt64(offset - index)) }
            hash = mix(hash ^ word, multiplier)
        }
        return UInt32(truncatingIfNeeded: mix(hash, multiplier) >> 32)
    }

    /// The 128-bit product of the two, its halves folded together.
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return high ^ low
    }
}

/// A seed per run, so that no text can be written to make every term fall in one slot.
private let searchTermSeed = UInt64.random(in: .min ... .max)

extension SearchTermTable: Sendable where Value: Sendable {}

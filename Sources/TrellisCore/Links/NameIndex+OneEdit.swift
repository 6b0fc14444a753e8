extension NameIndex {
    /// The names one edit from a written name, found without weighing every name alike in length.
    ///
    /// Two keys within one edit share a *variant*: the key itself or the key with one character
    /// deleted (a substitution deletes the same place from both; an insertion is the longer key
    /// with it deleted). Each name's variants are hashed and kept sorted; a written name looks up
    /// its own. Two variants that only share a hash make a name weighed for nothing, never one
    /// missed.
    struct OneEditVariants: Sendable {
        /// Each variant's hash (its high 32 bits) above the place of the name it is of, sorted.
        private let variants: [UInt64]

        /// `keys`: each name's place and key.
        init(_ keys: [(place: Int32, key: [UInt32])]) {
            var variants: [UInt64] = []
            variants.reserveCapacity(keys.reduce(0) { $0 + $1.key.count + 1 })
            for (place, key) in keys {
                for hash in OneEditVariants.hashes(of: key) { variants.append(hash & ~0xFFFF_FFFF | UInt64(place)) }
            }
            variants.sort()
            self.variants = variants
        }

        /// Calls `body` with the place of each name that may be within one edit of `key` (some
        /// more than once).
        func forEachPlace(near key: [UInt32], _ body: (Int) -> Void) {
            for hash in OneEditVariants.hashes(of: key) {
                let wanted = hash & ~0xFFFF_FFFF
                var low = 0
                var high = variants.count
                while low < high {
                    let middle = (low + high) / 2
                    if variants[middle] < wanted { low = middle + 1 } else { high = middle }
                }
                while low < variants.count, variants[low] & ~0xFFFF_FFFF == wanted {
                    body(Int(variants[low] & 0xFFFF_FFFF))
                    low += 1
                }
            }
        }

        /// The hash of `key` and of `key` with each of its characters deleted: a polynomial hash,
        /// so that each deletion is the hash of what precedes it shifted past what follows.
        static func hashes(of key: [UInt32]) -> [UInt64] {
            let base: UInt64 = 0x9E37_79B9_7F4A_7C15
            var prefixes = [UInt64](repeating: 0, count: key.count + 1)  // of key[..<i]
            for (i, code) in key.enumerated() { prefixes[i + 1] = prefixes[i] &* base &+ UInt64(code) &+ 1 }
            var hashes = [prefixes[key.count]]
            hashes.reserveCapacity(key.count + 1)
            var suffix: UInt64 = 0  // of key[(i + 1)...]
            var shift: UInt64 = 1  // base to the power of its length
            for i in key.indices.reversed() {
                hashes.append(prefixes[i] &* shift &+ suffix)
                suffix = (UInt64(key[i]) &+ 1) &* shift &+ suffix
                shift = shift &* base
            }
            return hashes
        }
    }
}

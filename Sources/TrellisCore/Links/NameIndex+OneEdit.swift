extension NameIndex {
    /// The names one edit from a written name, found without weighing every name alike in length.
    ///
    /// Two keys within one edit share a *variant*: the key itself or the key with one character
    /// deleted (a substitution deletes the same place from both; an insertion is the longer key
    /// with it deleted). Each name's variants are hashed and kept sorted; a written name looks up
    /// its own. Two variants that only share a hash make a name weighed for nothing, never one
    /// missed.
    struct OneEditVariants: Sendable {
        /// An open-addressed table of every variant: its hash (the high 32 bits) above the place
        /// of the name it is of plus one; 0 is an empty slot. (Looked up once per character of
        /// each dangling link: a sorted list of the variants took a search through megabytes.)
        private let slots: [UInt64]
        private let mask: Int

        /// `keys`: each name's place and key.
        init(_ keys: [(place: Int32, key: [UInt32])]) {
            let count = keys.reduce(0) { $0 + $1.key.count + 1 }
            var size = 16
            while size < 2 * count { size <<= 1 }
            var slots = [UInt64](repeating: 0, count: size)
            mask = size - 1
            for (place, key) in keys {
                for hash in OneEditVariants.hashes(of: key) {
                    var slot = Int(truncatingIfNeeded: hash >> 32) & mask
                    while slots[slot] != 0 { slot = (slot + 1) & mask }
                    slots[slot] = hash & ~0xFFFF_FFFF | UInt64(place + 1)
                }
            }
            self.slots = slots
        }

        /// Calls `body` with the place of each name that may be within one edit of `key` (some
        /// more than once).
        func forEachPlace(near key: [UInt32], _ body: (Int) -> Void) {
            for hash in OneEditVariants.hashes(of: key) {
                var slot = Int(truncatingIfNeeded: hash >> 32) & mask
                while slots[slot] != 0 {
                    if slots[slot] >> 32 == hash >> 32 { body(Int(slots[slot] & 0xFFFF_FFFF) - 1) }
                    slot = (slot + 1) & mask
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

extension NameIndex {
    /// One code per character (grapheme), so that edit distances on codes are edit distances on
    /// characters, as people count typos: an ASCII character is its byte, others are numbered as
    /// the names bring them.
    struct Alphabet: Sendable {
        static let space = UInt32(0x20)
        private var known: [Character: UInt32] = [:]
        private var next = UInt32(0x80)

        /// `key`'s codes, numbering its new characters.
        mutating func learn(_ key: String) -> [UInt32] {
            if let codes = Alphabet.ascii(key) { return codes }
            return key.map { character in
                if let code = Alphabet.ascii(character) ?? known[character] { return code }
                known[character] = next
                next += 1
                return next - 1
            }
        }

        /// `key`'s codes; a character no name has gets a code no name has (the same one each
        /// time it occurs in `key`).
        func codes(of key: String) -> [UInt32] {
            if let codes = Alphabet.ascii(key) { return codes }
            var unknown: [Character: UInt32] = [:]
            return key.map { character in
                if let code = Alphabet.ascii(character) ?? known[character] ?? unknown[character] { return code }
                let code = next + UInt32(unknown.count)
                unknown[character] = code
                return code
            }
        }

        /// The bytes, when each is a character: ASCII without a carriage return (`\r\n` is one).
        private static func ascii(_ key: String) -> [UInt32]? {
            guard key.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            return key.utf8.map(UInt32.init)
        }

        private static func ascii(_ character: Character) -> UInt32? {
            let scalars = character.unicodeScalars
            guard scalars.count == 1, let scalar = scalars.first, scalar.isASCII else { return nil }
            return scalar.value
        }
    }
}

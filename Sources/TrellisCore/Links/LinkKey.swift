import Foundation

/// The form names are compared in: Unicode NFC and lower case, so `Résumé Tips`, `résumé tips`
/// and a macOS NFD spelling all meet.
enum LinkKey {
    static func of(_ name: String) -> String {
        // Most names are ASCII, already NFC: lower-case them without a trip through Foundation,
        // reading the bytes in place (a name is looked up for every link).
        let original = name
        var name = name
        let ascii: String? = name.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard bytes.contains(where: { $0 &- 0x41 < 26 }) else { return original }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { buffer in
                for (index, byte) in bytes.enumerated() { buffer[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte }
                return String(decoding: buffer, as: UTF8.self)
            }
        }
        return ascii ?? original.precomposedStringWithCanonicalMapping.lowercased()
    }

    /// A heading as links name it: lower case, without the characters Obsidian drops from heading
    /// links (`: # | ^ [ ] %`), white space collapsed.
    static func heading(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiHeading(text) }
        return unicodeHeading(text)
    }

    /// Whether `heading(text) == key`. For an ASCII heading, compares as it goes without building
    /// the heading's key: most headings a link is checked against differ from it at once.
    static func heading(_ text: String, matches key: String) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return unicodeHeading(text) == key }
        var wanted = key.utf8.makeIterator()
        var space = false
        var written = false
        for byte in text.utf8 {
            switch byte {
            case 0x3A, 0x23, 0x7C, 0x5E, 0x5B, 0x5D, 0x25: continue  // as in asciiHeading
            case 0x20, 0x09...0x0D:
                space = written
            default:
                if space && wanted.next() != 0x20 { return false }
                space = false
                written = true
                if wanted.next() != (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) { return false }
            }
        }
        return wanted.next() == nil
    }

    /// The same rule on bytes, for the common all-ASCII heading.
    static func asciiHeading(_ text: String) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count)
        var space = false
        for byte in text.utf8 {
            switch byte {
            case 0x3A, 0x23, 0x7C, 0x5E, 0x5B, 0x5D, 0x25: continue  // : # | ^ [ ] %
            case 0x20, 0x09...0x0D:  // what Character.isWhitespace calls white space in ASCII
                space = !key.isEmpty
            default:
                if space { key.append(0x20) }
                space = false
                key.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    static func unicodeHeading(_ text: String) -> String {
        let dropped: Set<Character> = [":", "#", "|", "^", "[", "]", "%"]
        let kept = of(text).filter { !dropped.contains($0) }
        return kept.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

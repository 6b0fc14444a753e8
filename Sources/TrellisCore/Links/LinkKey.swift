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
    static func heading(_ text: String) -> String { key(text, Rule.dropped) }

    /// Whether `heading(text) == key`. For an ASCII heading, compares as it goes without building
    /// the heading's key: most headings a link is checked against differ from it at once.
    static func heading(_ text: String, matches key: String) -> Bool { matches(text, key, Rule.dropped) }

    /// A heading as Obsidian compares it with a link (its `stripHeading`): each of
    /// ``!"#$%&()*+,.:;<=>?@^`{|}~/[]\`` a space, white space collapsed, in lower case. Obsidian
    /// applies it to the heading as written (`HeadingSource`) and to the link's part alike, so
    /// `[[Note#**Bold** idea]]`, `[[Note#Bold idea]]` and `[[Note#What is it]]` (for `What is it?`)
    /// all find their heading.
    static func strippedHeading(_ text: String) -> String { key(text, Rule.spaced) }

    /// Whether `strippedHeading(text) == key`, compared as it goes for an ASCII heading.
    static func strippedHeading(_ text: String, matches key: String) -> Bool { matches(text, key, Rule.spaced) }

    /// How a heading key treats an ASCII byte.
    enum Rule {
        case dropped, spaced

        /// Whether the byte is left out (`dropped`) or counts as white space (`spaced`).
        func isSpecial(_ byte: UInt8) -> Bool {
            switch self {
            case .dropped: Rule.droppedBytes.contains(byte)
            case .spaced: Rule.spacedBytes.contains(byte)
            }
        }

        func isSpecial(_ character: Character) -> Bool {
            guard let ascii = character.asciiValue else { return false }
            return isSpecial(ascii)
        }

        static let droppedBytes = Set(":#|^[]%".utf8)
        static let spacedBytes = Set("!\"#$%&()*+,.:;<=>?@^`{|}~/[]\\".utf8)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    private static func key(_ text: String, _ rule: Rule) -> String {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? asciiKey(text, rule) : unicodeKey(text, rule)
    }

    /// The rule on bytes, for the common all-ASCII heading.
    static func asciiKey(_ text: String, _ rule: Rule) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count)
        var space = false
        for byte in text.utf8 {
            if rule == .dropped && rule.isSpecial(byte) { continue }
            if isSpace(byte) || rule.isSpecial(byte) {  // what Character.isWhitespace calls white space in ASCII
                space = !key.isEmpty
            } else {
                if space { key.append(0x20) }
                space = false
                key.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    private static func matches(_ text: String, _ key: String, _ rule: Rule) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return unicodeKey(text, rule) == key }
        var wanted = key.utf8.makeIterator()
        var space = false
        var written = false
        for byte in text.utf8 {
            if rule == .dropped && rule.isSpecial(byte) { continue }
            if isSpace(byte) || rule.isSpecial(byte) {
                space = written
            } else {
                if space && wanted.next() != 0x20 { return false }
                space = false
                written = true
                if wanted.next() != (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) { return false }
            }
        }
        return wanted.next() == nil
    }

    static func unicodeKey(_ text: String, _ rule: Rule) -> String {
        let lowered = of(text)
        let kept = rule == .dropped ? String(lowered.filter { !rule.isSpecial($0) }) : lowered
        return kept.split(whereSeparator: { $0.isWhitespace || (rule == .spaced && rule.isSpecial($0)) }).joined(
            separator: " ")
    }
}

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

    /// Which of Obsidian's two heading rules a key follows.
    enum Rule {
        /// `: # | ^ [ ] %` left out, as Obsidian writes heading links (`LinkKey.heading`).
        case dropped
        /// ``!"#$%&()*+,.:;<=>?@^`{|}~/[]\`` read as white space, as Obsidian compares headings.
        case spaced

        /// What a key makes of a byte of text.
        enum Role { case kept, left, space }

        func role(of byte: UInt8) -> Role {
            if byte == 0x20 || (0x09...0x0D).contains(byte) { return .space }  // as Character.isWhitespace
            guard byte < 0x80 else { return .kept }
            switch self {
            case .dropped: return Rule.droppedBytes[Int(byte)] ? .left : .kept
            case .spaced: return Rule.spacedBytes[Int(byte)] ? .space : .kept
            }
        }

        func role(of character: Character) -> Role {
            if character.isWhitespace { return .space }
            return character.asciiValue.map { role(of: $0) } ?? .kept
        }

        private static let droppedBytes = table(":#|^[]%")
        private static let spacedBytes = table("!\"#$%&()*+,.:;<=>?@^`{|}~/[]\\")

        private static func table(_ bytes: String) -> [Bool] { (0..<128).map { bytes.utf8.contains(UInt8($0)) } }
    }

    private static func key(_ text: String, _ rule: Rule) -> String {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? asciiKey(text, rule) : unicodeKey(text, rule)
    }

    /// The rule on bytes, for the common all-ASCII heading.
    static func asciiKey(_ text: String, _ rule: Rule) -> String {
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count)
        var space = false
        for byte in text.utf8 {
            switch rule.role(of: byte) {
            case .left: continue
            case .space: space = !key.isEmpty
            case .kept:
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
            switch rule.role(of: byte) {
            case .left: continue
            case .space: space = written
            case .kept:
                if space && wanted.next() != 0x20 { return false }
                space = false
                written = true
                if wanted.next() != (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) { return false }
            }
        }
        return wanted.next() == nil
    }

    static func unicodeKey(_ text: String, _ rule: Rule) -> String {
        of(text).filter { rule.role(of: $0) != .left }.split { rule.role(of: $0) == .space }.joined(separator: " ")
    }
}

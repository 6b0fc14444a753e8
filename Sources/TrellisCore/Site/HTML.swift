/// Escaping for text Trellis inserts into pages. Templates escape `{{values}}` themselves; these
/// are for HTML the core writes (links, embeds, lists).
enum HTML {
    /// Escapes `& < > " '` so the text is safe as element content and as a quoted attribute value.
    static func escape(_ text: String) -> String {
        // The five are ASCII, never part of a longer character: the text is rewritten byte by byte.
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
                return nil
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "&"): out += "&amp;".utf8
                case UInt8(ascii: "<"): out += "&lt;".utf8
                case UInt8(ascii: ">"): out += "&gt;".utf8
                case UInt8(ascii: "\""): out += "&quot;".utf8
                case UInt8(ascii: "'"): out += "&#39;".utf8
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// The text with what looks like an HTML tag or comment (`<b …>`, `</b>`, `<!-- … -->`) taken
    /// out: a wiki link's label is text, and a tag in it is omitted as raw HTML in a note is, rather
    /// than shown as markup-looking text. Anything else with a `<` is left to `escape`.
    static func removingTags(_ text: String) -> String {
        guard text.utf8.contains(0x3C) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x3C, let end = tagEnd(bytes, from: index) {
                index = end
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `byte` may begin an HTML tag's name (an ASCII letter), and may go on one (or a digit).
    static func isTagNameStart(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte | 0x20) }
    static func isTagNameByte(_ byte: UInt8) -> Bool { isTagNameStart(byte) || (0x30...0x39).contains(byte) }

    /// A wiki link's label as pages and search show it: its tags removed, unless that leaves
    /// nothing (`[[x|<id>]]` keeps `<id>`, to be escaped).
    static func visibleLabel(_ label: String) -> String {
        let kept = removingTags(label)
        return kept.trimmingWhitespace().isEmpty ? label : kept
    }

    /// Where a tag or comment opening at `start` ends (past its `>`), or nil when it is not one.
    private static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        var index = start + 1
        guard index < bytes.count else { return nil }
        if bytes[index...].starts(with: "!--".utf8) {
            var end = index + 3
            while end + 2 < bytes.count {
                if bytes[end] == 0x2D && bytes[end + 1] == 0x2D && bytes[end + 2] == 0x3E { return end + 3 }
                end += 1
            }
            return nil
        }
        if bytes[index] == 0x2F { index += 1 }
        guard index < bytes.count, isLetter(bytes[index]) else { return nil }
        while index < bytes.count, bytes[index] != 0x3E {
            if bytes[index] == 0x3C { return nil }
            index += 1
        }
        return index < bytes.count ? index + 1 : nil
    }
}

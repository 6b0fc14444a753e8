import Foundation

/// Decides whether a Markdown link's URL points into the vault, and reads it as a link target.
///
/// `Other%20Note.md#Heading`, `Other%20Note`, `../media/chart.png` and `#Reading order` are
/// internal; anything with a scheme (`https:`, `mailto:`) or starting with `//` is not.
enum InternalURL {
    static func parse(_ url: String) -> (written: String, target: LinkTarget)? {
        guard !url.isEmpty, !url.hasPrefix("//"), !hasScheme(url) else { return nil }
        // Obsidian trims what the percent-decoding leaves: `My%20image.png%20` is `My image.png`.
        let written = decoded(url).trimmingWhitespace()
        // The first `#` scalar: a `#` that a combining mark follows is one Character with it.
        let scalars = url.unicodeScalars
        guard url.utf8.contains(UInt8(ascii: "#")), let hash = scalars.firstIndex(of: "#") else {
            return (written, LinkTarget(path: written))
        }
        let path = decoded(String(scalars[..<hash])).trimmingWhitespace()
        var target = LinkTarget(parsing: "#" + decoded(String(scalars[scalars.index(after: hash)...])))
        target.path = path
        return (written, target)
    }

    /// `text` percent-decoded, or as it is when it holds a `%` that starts no escape (`50%.md`).
    /// Most URLs hold no `%` at all, and need no trip through Foundation.
    private static func decoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        return text.removingPercentEncoding ?? text
    }

    static func hasScheme(_ url: String) -> Bool {
        guard url.utf8.contains(UInt8(ascii: ":")) else { return false }
        if url.utf8.allSatisfy({ $0 < 0x80 }) { return hasASCIIScheme(url) }
        return hasSchemeByCharacter(url)
    }

    /// `hasSchemeByCharacter` on bytes, for an ASCII URL: each byte is a character there (`\r\n`
    /// aside, which is no letter either way).
    static func hasASCIIScheme(_ url: String) -> Bool {
        var bytes = url.utf8.makeIterator()
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        guard let first = bytes.next(), isLetter(first) else { return false }
        while let byte = bytes.next() {
            if byte == UInt8(ascii: ":") { return true }
            guard isLetter(byte) || (0x30...0x39).contains(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E else {
                return false
            }
        }
        return false
    }

    /// Read on Unicode scalars, not Characters: `mailto:` and a combining mark after the colon
    /// make one Character of `:` and the mark.
    static func hasSchemeByCharacter(_ url: String) -> Bool {
        guard let colon = url.unicodeScalars.firstIndex(of: ":") else { return false }
        let scheme = url.unicodeScalars[..<colon]
        guard let first = scheme.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return scheme.allSatisfy {
            $0.isASCII
                && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == ".")
        }
    }
}

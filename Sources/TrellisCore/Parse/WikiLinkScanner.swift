import Foundation

/// Finds `[[wiki links]]` and `![[embeds]]` in the raw source of one text run (one line).
///
/// It reads the source as written, not cmark's unescaped text, so `\[[x]]` stays literal text and
/// positions are exact. It never sees code spans, code blocks or raw HTML: the cmark bridge hands it
/// only text nodes.
public enum WikiLinkScanner {
    public struct Match: Sendable, Equatable {
        /// Range in the scanned bytes, from `[[` (or the `!` of an embed) to just after `]]`.
        public var range: Range<Int>
        public var isEmbed: Bool
        /// The target as written, before any `|`: `Networking#How does DNS work`.
        public var target: String
        /// The text after the first `|` (or `\|`, as written inside table cells), unescaped.
        public var label: String?
    }

    /// `startingBefore`: only links whose `[[` starts before this index (the rest of the bytes
    /// may still hold their closing `]]`).
    public static func scan<Bytes: RandomAccessCollection>(_ bytes: Bytes, startingBefore limit: Int? = nil) -> [Match]
    where Bytes.Element == UInt8, Bytes.Index == Int {
        // On the bytes' own memory when they have some (an array or a slice of one, always here):
        // a slice's every subscript checks both its bounds, which was most of a scan's time.
        let base = bytes.startIndex
        let local = limit.map { $0 - base }
        let matches =
            bytes.withContiguousStorageIfAvailable { scan(buffer: $0, startingBefore: local) }
            ?? Array(bytes).withUnsafeBufferPointer { scan(buffer: $0, startingBefore: local) }
        guard base != 0 else { return matches }
        return matches.map { match in
            var match = match
            match.range = (match.range.lowerBound + base)..<(match.range.upperBound + base)
            return match
        }
    }

    /// `scan` with indexes from 0.
    private static func scan(buffer bytes: UnsafeBufferPointer<UInt8>, startingBefore limit: Int?) -> [Match] {
        var matches: [Match] = []
        var index = 0
        let end = bytes.count
        let last = min(end - 1, limit ?? end)
        while index < last {
            // Most bytes are neither `\` nor `[`: step over them in a tight loop.
            while index < last, bytes[index] != backslash, bytes[index] != open { index += 1 }
            guard index < last else { break }
            let byte = bytes[index]
            if byte == backslash {
                index += 2  // an escaped character is never the start of a link
                continue
            }
            guard byte == open, bytes[index + 1] == open else {
                index += 1
                continue
            }
            guard let close = closing(in: bytes, from: index + 2) else { break }
            if let nested = reopening(in: bytes, from: index + 2, before: close) {
                index = nested
                continue
            }
            let inner = UnsafeBufferPointer(rebasing: bytes[(index + 2)..<close])
            let isEmbed = index > 0 && bytes[index - 1] == bang && !isEscaped(bytes, index - 1)
            if let match = parseInner(inner, start: isEmbed ? index - 1 : index, end: close + 2, isEmbed: isEmbed) {
                matches.append(match)
            }
            index = close + 2
        }
        return matches
    }

    private static let open = UInt8(ascii: "[")
    private static let shut = UInt8(ascii: "]")
    private static let bang = UInt8(ascii: "!")
    private static let pipe = UInt8(ascii: "|")
    private static let backslash = UInt8(ascii: "\\")

    private static func closing(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < bytes.count - 1 {
            if bytes[index] == backslash && bytes[index + 1] != pipe {
                index += 2
                continue
            }
            if bytes[index] == shut && bytes[index + 1] == shut { return index }
            index += 1
        }
        return nil
    }

    private static func reopening(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> Int? {
        var index = start
        while index < end - 1 {
            if bytes[index] == open && bytes[index + 1] == open && !isEscaped(bytes, index) { return index }
            index += 1
        }
        return nil
    }

    private static func isEscaped(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        var count = 0
        var cursor = index - 1
        while cursor >= 0 && bytes[cursor] == backslash {
            count += 1
            cursor -= 1
        }
        return count % 2 == 1
    }

    private static func parseInner(_ inner: UnsafeBufferPointer<UInt8>, start: Int, end: Int, isEmbed: Bool) -> Match? {
        var split: (target: Range<Int>, label: Range<Int>)?
        var index = 0
        while index < inner.count {
            if inner[index] == pipe {
                split = (
                    0..<(index > 0 && inner[index - 1] == backslash ? index - 1 : index), (index + 1)..<inner.count
                )
                break
            }
            index += 1
        }
        let targetBytes = split.map { UnsafeBufferPointer(rebasing: inner[$0.target]) } ?? inner
        let target = String(decoding: targetBytes, as: UTF8.self).trimmingWhitespace()
        guard !target.isEmpty else { return nil }
        let label = split.map { unescape(inner[$0.label]).trimmingWhitespace() }
        return Match(range: start..<end, isEmbed: isEmbed, target: target, label: label)
    }

    /// Removes backslashes before ASCII punctuation, as Markdown does in text.
    static func unescape(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == backslash, index + 1 < bytes.endIndex, bytes[index + 1].isASCIIPunctuation {
                out.append(bytes[index + 1])
                index += 2
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String.UTF8View {
    /// Whether the byte occurs: `contains`, with memchr for a native string.
    func containsByte(_ byte: UInt8) -> Bool {
        withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? contains(byte)
    }

    /// Whether two bytes follow each other somewhere: a cheap test before any real scanning.
    func containsPair(_ first: UInt8, _ second: UInt8) -> Bool {
        var previous: UInt8 = 0
        for byte in self {
            if byte == second && previous == first { return true }
            previous = byte
        }
        return false
    }
}

extension UInt8 {
    var isASCIIPunctuation: Bool {
        (0x21...0x2F).contains(self) || (0x3A...0x40).contains(self) || (0x5B...0x60).contains(self)
            || (0x7B...0x7E).contains(self)
    }
}

extension String {
    /// Without white space (Unicode's White_Space) at either end; itself when there is none.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].isUnicodeWhitespace { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard scalars[before].isUnicodeWhitespace else { break }
            end = before
        }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}

extension Unicode.Scalar {
    /// White_Space, with the ASCII answer first: most text is ASCII.
    var isUnicodeWhitespace: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }
}

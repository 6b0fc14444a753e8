/// Finds Trellis's inline extensions in the raw source of one run of text (one line, one text
/// node): wiki links and embeds, `~~strike~~` and `==highlight==` delimiters, inline `#tags`,
/// footnote references `[^1]`, `$math$`, and — inside table rows — the `|` between cells.
///
/// It reads the source as written, so backslash escapes keep their meaning (`\#`, `\|`, `\~~`),
/// and it never sees code or raw HTML: the cmark bridge hands it only text nodes.
enum InlineScanner {
    enum Delimiter: Sendable {
        case strike, highlight

        var html: (open: String, close: String) {
            switch self {
            case .strike: ("<del>", "</del>")
            case .highlight: ("<mark>", "</mark>")
            }
        }

        var text: String {
            switch self {
            case .strike: "~~"
            case .highlight: "=="
            }
        }
    }

    enum Token: Sendable {
        case wikiLink(WikiLinkScanner.Match)
        /// A `~~` or `==` run that may open (followed by a non-space) or close (after a non-space).
        case delimiter(Delimiter, canOpen: Bool, canClose: Bool)
        case tag(String)
        case footnote(String)
        /// Where the preprocessor took out an inline footnote (`Preprocessor.inlineFootnoteMarker`).
        case inlineFootnote
        case math(String)
        case cellBreak
    }

    struct Found: Sendable {
        var range: Range<Int>
        var token: Token
    }

    /// Scans `bytes`; `atBoundary` says whether the run starts where a tag may start (after white
    /// space or at the start of a block). `around`: the bytes of the source just before and just
    /// after the run, if any: a `~~` or `==` at its edge opens or closes by them, as in `==**b**==`,
    /// whose runs cmark leaves in the text around the bold.
    static func scan(
        _ bytes: ArraySlice<UInt8>, atBoundary: Bool, tableCells: Bool, around: (UInt8?, UInt8?) = (nil, nil)
    ) -> [Found] {
        // On the array's memory: a slice's every subscript checks both its bounds.
        let base = bytes.startIndex
        let found = bytes.withUnsafeBufferPointer {
            scan(buffer: $0, atBoundary: atBoundary, tableCells: tableCells, around: around)
        }
        guard base != 0 else { return found }
        return found.map { item in
            var item = item
            item.range = (item.range.lowerBound + base)..<(item.range.upperBound + base)
            if case .wikiLink(var match) = item.token {
                match.range = item.range
                item.token = .wikiLink(match)
            }
            return item
        }
    }

    /// `scan` with indexes from 0.
    private static func scan(
        buffer bytes: UnsafeBufferPointer<UInt8>, atBoundary: Bool, tableCells: Bool, around: (UInt8?, UInt8?)
    ) -> [Found] {
        var found: [Found] = []
        let links = WikiLinkScanner.scan(bytes)
        var nextLink = 0
        var index = 0
        let end = bytes.count
        while index < end {
            // Where the next link starts, read off without copying the link.
            let linkStart = nextLink < links.count ? links[nextLink].range.lowerBound : end
            if linkStart == index {
                found.append(Found(range: links[nextLink].range, token: .wikiLink(links[nextLink])))
                index = links[nextLink].range.upperBound
                nextLink += 1
                continue
            }
            // Most bytes start nothing and escape nothing: step over them in a tight loop.
            while index < linkStart, bytes[index] != backslash, !mayStartToken(bytes[index]) { index += 1 }
            if index == linkStart { continue }  // the link, or the end
            let byte = bytes[index]
            if byte == backslash {
                index += 2
                continue
            }
            guard mayStartToken(byte) else {  // once past a link that starts inside an escape or a token
                index += 1
                continue
            }
            if let next = token(
                at: index, in: bytes, atBoundary: atBoundary, tableCells: tableCells, before: linkStart, around: around)
            {
                found.append(next)
                index = next.range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    private static let backslash = UInt8(ascii: "\\")

    static func token(
        at index: Int, in bytes: UnsafeBufferPointer<UInt8>, atBoundary: Bool, tableCells: Bool, before limit: Int,
        around: (UInt8?, UInt8?) = (nil, nil)
    ) -> Found? {
        let byte = bytes[index]
        let previous: UInt8? = index > 0 ? bytes[index - 1] : nil
        let next: UInt8? = index + 1 < bytes.endIndex ? bytes[index + 1] : nil
        switch byte {
        case Preprocessor.inlineFootnoteMarker:
            return Found(range: index..<index + 1, token: .inlineFootnote)
        case UInt8(ascii: "|") where tableCells:
            return Found(range: index..<index + 1, token: .cellBreak)
        case UInt8(ascii: "~"), UInt8(ascii: "="):
            guard next == byte, index + 2 >= bytes.endIndex || bytes[index + 2] != byte, previous != byte else {
                return nil
            }
            // Beyond the run, the source's bytes around it: a line's end is white space.
            let after: UInt8? = index + 2 < bytes.endIndex ? bytes[index + 2] : around.1
            let before: UInt8? = index > 0 ? bytes[index - 1] : around.0
            let canOpen = after.map { !isSpace($0) && !isLineEnd($0) } ?? false
            let canClose = before.map { !isSpace($0) && !isLineEnd($0) } ?? false
            guard canOpen || canClose else { return nil }
            return Found(
                range: index..<index + 2,
                token: .delimiter(
                    byte == UInt8(ascii: "~") ? .strike : .highlight, canOpen: canOpen, canClose: canClose))
        case UInt8(ascii: "#"):
            let boundary = previous.map(isSpace) ?? atBoundary
            guard boundary else { return nil }
            var end = index + 1
            while end < bytes.endIndex && end < limit && isTagByte(bytes[end]) { end += 1 }
            let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            guard !name.isEmpty, !name.allSatisfy(\.isNumber), !name.hasSuffix("/") else { return nil }
            return Found(range: index..<end, token: .tag(name))
        case UInt8(ascii: "["):
            guard next == UInt8(ascii: "^"), let close = bytes[index...].firstIndex(of: UInt8(ascii: "]")),
                close > index + 2, close < limit
            else { return nil }
            let label = bytes[(index + 2)..<close]
            guard !label.contains(where: { isSpace($0) || $0 == UInt8(ascii: "[") }) else { return nil }
            return Found(range: index..<close + 1, token: .footnote(String(decoding: label, as: UTF8.self)))
        case UInt8(ascii: "$"):
            guard next != nil, next != UInt8(ascii: "$"), !isSpace(next!), previous != UInt8(ascii: "$") else {
                return nil
            }
            var end = index + 1
            while end < bytes.endIndex && end < limit {
                if bytes[end] == backslash {
                    end += 2
                    continue
                }
                if bytes[end] == UInt8(ascii: "$") {
                    let after: UInt8? = end + 1 < bytes.endIndex ? bytes[end + 1] : nil
                    if !isSpace(bytes[end - 1]), !(after.map { $0 >= 0x30 && $0 <= 0x39 } ?? false) {
                        return Found(
                            range: index..<end + 1,
                            token: .math(String(decoding: bytes[(index + 1)..<end], as: UTF8.self)))
                    }
                    return nil
                }
                end += 1
            }
            return nil
        default:
            return nil
        }
    }

    /// The bytes `token` reads a token from; it finds none at any other.
    static func mayStartToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "="), UInt8(ascii: "#"), UInt8(ascii: "["),
            UInt8(ascii: "$"), Preprocessor.inlineFootnoteMarker:
            true
        default: false
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func isLineEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    /// Letters (any script), digits, `_`, `-` and `/` (nested tags).
    private static func isTagByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
    }
}

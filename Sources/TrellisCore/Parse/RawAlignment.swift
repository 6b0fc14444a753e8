import Foundation

/// Lines up the text of a cmark text node with the source it came from.
///
/// cmark hands out text unescaped (`\[` is `[`, `&amp;` is `&`). To find wiki links as written and
/// cut the node at the right places, each literal byte is matched to its source byte; backslash
/// escapes and character references are the only places where the two differ.
struct RawAlignment {
    /// For each literal byte index (and one past the end), the source offset it came from; empty
    /// when the text is `verbatim`.
    private let rawOffsets: [Int]
    private let rawStart: Int
    /// The literal is the source byte for byte, with no `\` or `&` in it: literal byte `i` is
    /// source byte `rawStart + i`. Most text is; it needs no table.
    private let verbatim: Bool
    private let literalCount: Int

    /// The source offset just past the node's text.
    var rawEnd: Int { verbatim ? rawStart + literalCount : rawOffsets[rawOffsets.count - 1] }

    init?(literal: [UInt8], raw: [UInt8], rawStart: Int) {
        if RawAlignment.isVerbatim(literal, raw, rawStart) {
            self.init(verbatimFrom: rawStart, count: literal.count)
        } else {
            self.init(aligning: literal, raw: raw, rawStart: rawStart)
        }
    }

    private init(verbatimFrom rawStart: Int, count: Int) {
        rawOffsets = []
        self.rawStart = rawStart
        verbatim = true
        literalCount = count
    }

    /// The general alignment, byte by byte: what the verbatim shortcut must agree with.
    init?(aligning literal: [UInt8], raw: [UInt8], rawStart: Int) {
        var offsets: [Int] = []
        offsets.reserveCapacity(literal.count + 1)
        var r = rawStart
        var l = 0
        while l < literal.count {
            guard r < raw.count else { return nil }
            let byte = raw[r]
            if byte == UInt8(ascii: "\\"), r + 1 < raw.count, raw[r + 1].isASCIIPunctuation, raw[r + 1] == literal[l] {
                offsets.append(r)
                r += 2
                l += 1
            } else if byte == UInt8(ascii: "&"), let after = RawAlignment.entityEnd(raw, r),
                !literal[l...].starts(with: raw[r..<after])
            {
                // One decoded character (one or two scalars) stands for the whole reference.
                let width = RawAlignment.scalarWidth(literal[l])
                for index in 0..<width where l + index < literal.count { offsets.append(index == 0 ? r : after) }
                l += width
                r = after
            } else if byte == literal[l] {
                offsets.append(r)
                r += 1
                l += 1
            } else {
                return nil
            }
        }
        offsets.append(r)
        self.rawOffsets = offsets
        self.rawStart = rawStart
        self.verbatim = false
        self.literalCount = literal.count
    }

    /// Where no escape or character reference can be, the general alignment matches each byte
    /// to itself.
    private static func isVerbatim(_ literal: [UInt8], _ raw: [UInt8], _ rawStart: Int) -> Bool {
        guard rawStart >= 0, rawStart + literal.count <= raw.count else { return false }
        // libc's memchr and memcmp take many bytes a step, and text nodes run to hundreds of bytes.
        return literal.withUnsafeBufferPointer { literal in
            raw.withUnsafeBufferPointer { raw in
                guard let text = literal.baseAddress, let source = raw.baseAddress else { return literal.isEmpty }
                return memchr(text, Int32(UInt8(ascii: "\\")), literal.count) == nil
                    && memchr(text, Int32(UInt8(ascii: "&")), literal.count) == nil
                    && memcmp(text, source + rawStart, literal.count) == 0
            }
        }
    }

    /// The source offset a literal byte came from.
    func rawOffset(ofLiteral index: Int) -> Int { verbatim ? rawStart + index : rawOffsets[index] }

    /// The literal byte index that starts at a source offset, if one does.
    func literalIndex(ofRaw offset: Int) -> Int? {
        if verbatim { return (0...literalCount).contains(offset - rawStart) ? offset - rawStart : nil }
        var low = 0
        var high = rawOffsets.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if rawOffsets[mid] == offset {
                var index = mid
                while index > 0 && rawOffsets[index - 1] == offset { index -= 1 }
                return index
            }
            if rawOffsets[mid] < offset { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }

    private static func entityEnd(_ raw: [UInt8], _ start: Int) -> Int? {
        var index = start + 1
        while index < raw.count && index - start <= 32 {
            let byte = raw[index]
            if byte == UInt8(ascii: ";") { return index > start + 1 ? index + 1 : nil }
            guard
                byte == UInt8(ascii: "#") || (byte >= 0x30 && byte <= 0x39)
                    || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
            else { return nil }
            index += 1
        }
        return nil
    }

    private static func scalarWidth(_ lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: 1
        case 0xC0..<0xE0: 2
        case 0xE0..<0xF0: 3
        default: 4
        }
    }
}

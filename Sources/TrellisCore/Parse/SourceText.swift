/// A note's text, decoded and made safe to hand to cmark, with a line index for positions.
///
/// Decoding never fails: invalid UTF-8 is replaced (U+FFFD) and reported, so a damaged note still
/// renders and its links still resolve. A UTF-8 byte order mark is dropped. C0 control characters
/// other than tab, line feed and carriage return are replaced by U+FFFD: they are errors in HTML, and
/// keeping them out lets the renderer use them as private markers.
public struct SourceText: Sendable {
    /// The sanitised UTF-8 bytes.
    public let bytes: [UInt8]
    /// Where the first invalid byte was, if the file was not valid UTF-8.
    public let invalidUTF8At: (line: Int, column: Int)?
    /// Byte offset of the start of each line; cmark's line endings: `\n`, `\r\n` and a lone `\r`.
    public let lineStarts: [Int]

    public init(decoding data: [UInt8]) {
        var input = data[...]
        if input.starts(with: [0xEF, 0xBB, 0xBF]) { input = input.dropFirst(3) }
        // One pass over the bytes; only a note that is not all ASCII needs UTF-8 validation.
        let (ascii, forbidden) = SourceText.survey(input)
        let valid = ascii || String(validating: input, as: UTF8.self) != nil
        var invalidOffset: Int?
        if !valid { invalidOffset = SourceText.firstInvalidOffset(in: Array(input)) }
        if valid && !forbidden {
            // The common case: the bytes are the text (no copy when there was no byte-order mark).
            bytes = input.startIndex == 0 ? data : Array(input)
        } else {
            var text = String(decoding: input, as: UTF8.self)
            if text.utf8.contains(where: SourceText.isForbiddenControl) {
                text = String(
                    String.UnicodeScalarView(
                        text.unicodeScalars.map { SourceText.isForbiddenControl($0) ? "\u{FFFD}" : $0 }))
            }
            bytes = Array(text.utf8)
        }
        lineStarts = SourceText.lineStarts(of: bytes)
        if let offset = invalidOffset {
            let original = Array(input)
            let starts = SourceText.lineStarts(of: original)
            let line = SourceText.lineIndex(of: offset, in: starts)
            let column = String(decoding: original[starts[line]..<offset], as: UTF8.self).count + 1
            invalidUTF8At = (line + 1, column)
        } else {
            invalidUTF8At = nil
        }
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The 1-based line holding a byte offset.
    public func line(ofOffset offset: Int) -> Int {
        SourceText.lineIndex(of: offset, in: lineStarts) + 1
    }

    /// The byte offset of a 1-based line and byte column, as cmark reports positions.
    public func offset(line: Int, byteColumn: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count, byteColumn >= 1 else { return nil }
        let offset = lineStarts[line - 1] + byteColumn - 1
        return offset <= bytes.count ? offset : nil
    }

    /// The 1-based column in characters (a tab counts one) of a byte offset. For many offsets,
    /// keep a `ColumnFinder`: this one reads the offset's line each time.
    public func characterColumn(ofOffset offset: Int) -> Int {
        var finder = ColumnFinder(source: self)
        return finder.column(ofOffset: offset)
    }

    /// Whether the bytes are all ASCII, and whether any is a forbidden control character.
    private static func survey(_ bytes: ArraySlice<UInt8>) -> (ascii: Bool, forbidden: Bool) {
        bytes.withUnsafeBufferPointer { bytes in
            var high: UInt8 = 0
            var forbidden = false
            for byte in bytes {
                high |= byte
                if byte < 0x20 && isForbiddenControl(byte) { forbidden = true }
            }
            return (high < 0x80, forbidden)
        }
    }

    private static func isForbiddenControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
    }

    private static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 && scalar.value != 0x09 && scalar.value != 0x0A && scalar.value != 0x0D
    }

    static func lineStarts(of bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer { bytes in
            // Without a `\r`, lines end only at `\n`: jump from one to the next.
            guard bytes.firstIndex(of: 0x0D, from: 0) == nil else { return lineStartsByteByByte(of: bytes) }
            var starts = [0]
            var index = 0
            while let newline = bytes.firstIndex(of: 0x0A, from: index) {
                starts.append(newline + 1)
                index = newline + 1
            }
            return starts
        }
    }

    /// Line starts for any line endings, byte by byte.
    static func lineStartsByteByByte(of bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        return starts
    }

    static func lineIndex(of offset: Int, in starts: [Int]) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    private static func firstInvalidOffset(in bytes: [UInt8]) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}

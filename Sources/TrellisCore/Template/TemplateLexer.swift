import Foundation

/// Splits a template's source into text and tags, following `{{=<% %>=}}` delimiter changes.
/// Text is cut after each line break, so the parser can tell which lines hold only tags.
struct TemplateLexer {
    enum Kind: Sendable {
        case variable, unescaped, section, inverted, close, partial, parent, block, comment, delimiters

        /// Whether a line holding only tags of this kind (and blanks) leaves no trace in the output.
        var canStandAlone: Bool { self != .variable && self != .unescaped }
    }

    enum Token {
        /// Text that ends at the latest with a line break.
        case text(String)
        case tag(Kind, String, TemplatePosition)
    }

    let template: String
    private let bytes: [UInt8]
    private let lineStarts: [Int]
    /// Subtracted from columns: the indentation put before each line of an indented partial.
    private let columnShift: Int

    init(_ source: String, template: String, columnShift: Int = 0) {
        self.template = template
        bytes = Array(source.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        lineStarts = starts
        self.columnShift = columnShift
    }

    func tokens() throws(TemplateError) -> [Token] {
        var tokens: [Token] = []
        var open = Array("{{".utf8)
        var close = Array("}}".utf8)
        var offset = 0
        var textStart = 0
        while offset < bytes.count {
            guard starts(open, at: offset) else {
                offset += 1
                continue
            }
            appendText(textStart..<offset, to: &tokens)
            let position = self.position(of: offset)
            var start = offset + open.count
            var kind = Kind.variable
            var closer = close
            if start < bytes.count, let sigil = Self.sigils[bytes[start]] {
                kind = sigil
                start += 1
                if bytes[start - 1] == UInt8(ascii: "{") { closer = [UInt8(ascii: "}")] + close }
            }
            guard let end = find(closer, from: start) else {
                throw TemplateError(
                    position: position,
                    message: "the tag is not closed: no `\(String(decoding: closer, as: UTF8.self))` after it")
            }
            let content = String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            offset = end + closer.count
            textStart = offset
            if kind == .delimiters {
                (open, close) = try delimiters(content, at: position)
            } else if kind != .comment, content.isEmpty {
                throw TemplateError(position: position, message: "the tag has no name")
            }
            tokens.append(.tag(kind, content, position))
        }
        appendText(textStart..<bytes.count, to: &tokens)
        return tokens
    }

    private static let sigils: [UInt8: Kind] = [
        UInt8(ascii: "{"): .unescaped, UInt8(ascii: "&"): .unescaped, UInt8(ascii: "#"): .section,
        UInt8(ascii: "^"): .inverted, UInt8(ascii: "/"): .close, UInt8(ascii: ">"): .partial,
        UInt8(ascii: "<"): .parent, UInt8(ascii: "$"): .block, UInt8(ascii: "!"): .comment,
        UInt8(ascii: "="): .delimiters,
    ]

    /// `{{=<% %>=}}`'s content `<% %>=` (the first `=` is the sigil): the two new delimiters.
    private func delimiters(_ content: String, at position: TemplatePosition) throws(TemplateError) -> (
        [UInt8], [UInt8]
    ) {
        let parts = content.hasSuffix("=") ? content.dropLast().split(whereSeparator: \.isWhitespace) : []
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
            throw TemplateError(
                position: position, message: "a delimiter tag must be like `{{=<% %>=}}`: two delimiters without `=`")
        }
        return (Array(parts[0].utf8), Array(parts[1].utf8))
    }

    private func appendText(_ range: Range<Int>, to tokens: inout [Token]) {
        var start = range.lowerBound
        for offset in range where bytes[offset] == 0x0A {
            tokens.append(.text(String(decoding: bytes[start...offset], as: UTF8.self)))
            start = offset + 1
        }
        if start < range.upperBound {
            tokens.append(.text(String(decoding: bytes[start..<range.upperBound], as: UTF8.self)))
        }
    }

    private func starts(_ delimiter: [UInt8], at offset: Int) -> Bool {
        guard offset + delimiter.count <= bytes.count else { return false }
        for index in delimiter.indices where bytes[offset + index] != delimiter[index] { return false }
        return true
    }

    private func find(_ delimiter: [UInt8], from offset: Int) -> Int? {
        var offset = offset
        while offset + delimiter.count <= bytes.count {
            if starts(delimiter, at: offset) { return offset }
            offset += 1
        }
        return nil
    }

    private func position(of offset: Int) -> TemplatePosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let column = String(decoding: bytes[lineStarts[low]..<offset], as: UTF8.self).count + 1
        return TemplatePosition(template: template, line: low + 1, column: max(1, column - columnShift))
    }
}

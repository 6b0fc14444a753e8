import Foundation

/// A small HTML reader for tests: the start tags of a page with their attributes, and whether its
/// end tags match. Enough for the HTML Trellis writes (cmark's and the theme's); not a browser.
struct HTMLScan {
    struct Tag {
        var name: String
        var attributes: [String: String]
        var line: Int
    }

    /// Every start tag, in order.
    private(set) var tags: [Tag] = []
    /// End tags that close nothing open, or close something other than the innermost open
    /// element, elements never closed, and blocks opened inside a paragraph (a browser closes the
    /// paragraph there, and its `</p>` closes nothing): `line: what`.
    private(set) var unbalanced: [String] = []

    /// Elements with no end tag.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]
    /// Start tags that close an open `<p>` (HTML's "close a p element"), and the elements that
    /// keep a `<p>` outside them out of reach (its "button scope").
    static let closingParagraph: Set<String> = [
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol",
        "p", "pre", "section", "table", "ul",
    ]
    static let paragraphScope: Set<String> = [
        "applet", "button", "caption", "html", "marquee", "object", "table", "td", "template", "th",
    ]
    /// Elements whose content is text up to their end tag.
    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title"]

    init(_ html: String) {
        let bytes = Array(html.utf8)
        var open: [(name: String, line: Int)] = []
        var index = 0
        var line = 1
        func advance(to end: Int) {
            line += bytes[index..<min(end, bytes.count)].lazy.filter { $0 == 0x0A }.count
            index = min(end, bytes.count)
        }
        while index < bytes.count {
            guard bytes[index] == 0x3C, index + 1 < bytes.count else {  // <
                advance(to: index + 1)
                continue
            }
            let next = bytes[index + 1]
            if next == 0x21 {  // <!-- … --> or <!doctype …>
                let closing = Self.starts(bytes, index, "<!--") ? "-->" : ">"
                advance(
                    to: Self.find(closing, in: bytes, from: index + 2).map { $0 + closing.utf8.count } ?? bytes.count)
            } else if next == 0x2F {  // </name>
                let (name, end) = Self.name(bytes, from: index + 2)
                let tagLine = line
                advance(to: (Self.find(">", in: bytes, from: end) ?? bytes.count - 1) + 1)
                if let top = open.last, top.name == name {
                    open.removeLast()
                } else {
                    unbalanced.append(
                        "\(tagLine): </\(name)> closes \(open.last.map { "<\($0.name)> of line \($0.line)" } ?? "nothing")"
                    )
                    if let match = open.lastIndex(where: { $0.name == name }) { open.removeSubrange(match...) }
                }
            } else if Self.isLetter(next) {
                let tag = readStartTag(bytes, &index, &line)
                tags.append(tag.tag)
                if Self.closingParagraph.contains(tag.tag.name),
                    let paragraph = open.last(where: { $0.name == "p" || Self.paragraphScope.contains($0.name) }),
                    paragraph.name == "p"
                {
                    unbalanced.append("\(tag.tag.line): <\(tag.tag.name)> opens inside <p> of line \(paragraph.line)")
                }
                if Self.rawTextElements.contains(tag.tag.name) {
                    advance(to: Self.find("</\(tag.tag.name)", in: bytes, from: index) ?? bytes.count)
                    open.append((tag.tag.name, tag.tag.line))
                } else if !tag.selfClosing && !Self.voidElements.contains(tag.tag.name) {
                    open.append((tag.tag.name, tag.tag.line))
                }
            } else {
                advance(to: index + 1)
            }
        }
        unbalanced += open.map { "\($0.line): <\($0.name)> is never closed" }
    }

    /// Reads `<name attr="value" …>` at `index`, leaving `index` after it.
    private func readStartTag(_ bytes: [UInt8], _ index: inout Int, _ line: inout Int) -> (tag: Tag, selfClosing: Bool)
    {
        let startLine = line
        var (name, position) = Self.name(bytes, from: index + 1)
        var attributes: [String: String] = [:]
        var selfClosing = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x3E { position += 1; break }  // >
            if byte == 0x2F { selfClosing = true; position += 1; continue }  // /
            if Self.isSpace(byte) { position += 1; continue }
            selfClosing = false
            var end = position
            while end < bytes.count, !Self.isSpace(bytes[end]), ![0x3D, 0x3E, 0x2F].contains(bytes[end]) { end += 1 }
            let attribute = String(decoding: bytes[position..<end], as: UTF8.self).lowercased()
            position = end
            guard position < bytes.count, bytes[position] == 0x3D else {  // =
                attributes[attribute] = ""
                continue
            }
            position += 1
            var valueEnd = position
            if position < bytes.count, bytes[position] == 0x22 || bytes[position] == 0x27 {  // " or '
                let quote = bytes[position]
                valueEnd = bytes[(position + 1)...].firstIndex(of: quote) ?? bytes.count
                attributes[attribute] = Self.unescape(String(decoding: bytes[(position + 1)..<valueEnd], as: UTF8.self))
                position = min(valueEnd + 1, bytes.count)
            } else {
                while valueEnd < bytes.count, !Self.isSpace(bytes[valueEnd]), bytes[valueEnd] != 0x3E { valueEnd += 1 }
                attributes[attribute] = Self.unescape(String(decoding: bytes[position..<valueEnd], as: UTF8.self))
                position = valueEnd
            }
        }
        line += bytes[index..<min(position, bytes.count)].lazy.filter { $0 == 0x0A }.count
        index = position
        name = name.lowercased()
        return (Tag(name: name, attributes: attributes, line: startLine), selfClosing)
    }

    // MARK: Bytes

    private static func name(_ bytes: [UInt8], from start: Int) -> (String, Int) {
        var end = start
        while end < bytes.count, isLetter(bytes[end]) || (0x30...0x39).contains(bytes[end]) || bytes[end] == 0x2D {
            end += 1
        }
        return (String(decoding: bytes[start..<end], as: UTF8.self).lowercased(), end)
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    private static func starts(_ bytes: [UInt8], _ index: Int, _ text: String) -> Bool {
        bytes[index...].starts(with: text.utf8)
    }

    /// Where `text` next occurs in `bytes` from `start`, compared without regard to ASCII case.
    private static func find(_ text: String, in bytes: [UInt8], from start: Int) -> Int? {
        let needle = Array(text.lowercased().utf8)
        guard !needle.isEmpty, start <= bytes.count - needle.count else { return nil }
        for position in start...(bytes.count - needle.count)
        where zip(needle, bytes[position...]).allSatisfy({ $0 == ($1 | (isLetter($1) ? 0x20 : 0)) }) {
            return position
        }
        return nil
    }

    /// Attribute text with its character references read: `&amp;`, `&quot;`, `&#39;`, `&#x2F;`…
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[rest.index(after: amp)...]
            guard let semicolon = rest.prefix(10).firstIndex(of: ";") else {
                out += "&"
                continue
            }
            let entity = rest[..<semicolon]
            var replacement: String?
            if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                replacement = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
            } else if entity.hasPrefix("#") {
                replacement = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
            } else {
                replacement = named[String(entity)]
            }
            if let replacement {
                out += replacement
                rest = rest[rest.index(after: semicolon)...]
            } else {
                out += "&"
            }
        }
        return out + rest
    }
}

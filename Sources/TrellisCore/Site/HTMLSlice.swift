/// Cuts a part out of a note's HTML so that it stands on its own inside another page.
///
/// A heading's section runs from the heading to the next heading of the same or a higher level.
/// Cut out of the note's HTML as it is, that range need not be whole: a heading inside a list item
/// or a quote is followed by the `</li></ul>` or `</blockquote>` of elements opened before it, and
/// the next heading may stand inside a list the section opened. Embedded in a page, the first
/// leaves stray end tags that close the page's own elements; the second leaves elements open.
enum HTMLSlice {
    /// `html[start..<end]`, ended early where an element that was open at `start` closes — a
    /// section that starts inside a list item or a quote ends with it, as Obsidian's does — with
    /// the elements still open at the end closed.
    static func balanced(_ html: String, from start: String.Index, to end: String.Index) -> String {
        let part = html[start..<end]
        var open: [Substring] = []
        var cut = part.endIndex
        var rest = part[...]
        while let tag = nextTag(in: rest) {
            rest = part[tag.range.upperBound...]
            if tag.isEnd {
                guard let index = open.lastIndex(of: tag.name) else {
                    cut = tag.range.lowerBound  // it closes what was open before the section
                    break
                }
                open.removeSubrange(index...)
            } else if !tag.closesItself {
                open.append(tag.name)
            }
        }
        return String(part[..<cut]) + open.reversed().map { "</\($0)>" }.joined()
    }

    /// A start or end tag of HTML that Trellis or cmark wrote.
    struct Tag {
        var name: Substring
        var isEnd: Bool
        /// A void element (`<br>`, `<img … />`) or one written `<x/>`: it opens nothing.
        var closesItself: Bool
        var range: Range<Substring.Index>
    }

    private static let voidElements: Set<Substring> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    /// The next start or end tag. cmark escapes `<` in text and `>` in attribute values, so a
    /// tag runs from `<` to the next `>`; comments (raw HTML) are skipped. Both are looked for as
    /// bytes: text that opens with a combining mark makes one `Character` of it and the `>`
    /// before it, and a search for the Character `>` runs on to the next tag.
    static func nextTag(in html: Substring) -> Tag? {
        let bytes = html.utf8
        var from = bytes.startIndex
        while let open = html.firstIndex(ofByte: UInt8(ascii: "<"), from: from) {
            let after = bytes.index(after: open)
            guard let close = html.firstIndex(ofByte: UInt8(ascii: ">"), from: after) else { return nil }
            if bytes[after...].starts(with: "!--".utf8), let end = html[after...].firstByteRange(of: "-->") {
                from = end.upperBound
                continue
            }
            let isEnd = bytes[after] == UInt8(ascii: "/")
            let nameStart = isEnd ? bytes.index(after: after) : after
            let nameEnd = bytes[nameStart..<close].firstIndex { !HTML.isTagNameByte($0) } ?? close
            guard nameStart < nameEnd, HTML.isTagNameStart(bytes[nameStart]) else {
                from = after
                continue
            }
            let name = html[nameStart..<nameEnd]
            let closesItself =
                !isEnd && (voidElements.contains(name) || bytes[bytes.index(before: close)] == UInt8(ascii: "/"))
            return Tag(name: name, isEnd: isEnd, closesItself: closesItself, range: open..<bytes.index(after: close))
        }
        return nil
    }
}

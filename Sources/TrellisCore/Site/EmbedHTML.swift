/// Fits an embedded note's HTML into the page that shows it: its `id`s made the page's own, and
/// its block placed where cmark left an inline marker.
enum EmbedHTML {
    /// `html` with every `id="x"` renamed `prefix + x`, and every in-page link `href="#x"` with
    /// it: a page that embeds a note twice, or embeds a note with a heading named like one of its
    /// own, would otherwise hold one id twice, and its table of contents and footnotes would jump
    /// to the wrong one. Runs on cmark's HTML before the references are filled in, so the links
    /// made from wiki links (to the page's own headings, or to the embedded note's page) keep
    /// their targets.
    static func prefixingIDs(_ html: String, with prefix: String) -> String {
        guard html.utf8.contains(0x3D) else { return html }  // no `=`, no attribute
        var out = ""
        out.reserveCapacity(html.utf8.count + 64)
        var rest = html[...]
        while let found = nextAttribute(in: rest) {
            out += rest[..<found.upperBound]
            out += prefix
            rest = rest[found.upperBound...]
        }
        out += rest
        return out
    }

    /// The next ` id="` or ` href="#`, whichever comes first. Text and attribute values escape
    /// `"`, so neither can be forged by a note's words.
    private static func nextAttribute(in html: Substring) -> Range<Substring.Index>? {
        let id = html.range(of: " id=\"")
        let href = html.range(of: " href=\"#")
        guard let id, let href else { return id ?? href }
        return id.lowerBound < href.lowerBound ? id : href
    }

    /// Appends `block` (a `<div>`) to `out` where a marker inside a paragraph stood: a `<p>` may
    /// not hold a `<div>` (browsers close the paragraph early and leave a stray `</p>`). The
    /// paragraph is closed before the block — or dropped, when nothing came before it — and opened
    /// again after it unless nothing follows. Inside inline markup (`*![[Note]]*`) the block goes
    /// in as it is: splitting the `<em>` would be worse.
    static func place(_ block: String, in out: inout String, before rest: inout Substring) {
        guard let open = out.range(of: "<p>", options: .backwards) else {
            out += block
            return
        }
        let inParagraph = out[open.upperBound...]
        guard !inParagraph.contains("</p>"), closesEveryTag(inParagraph) else {
            out += block
            return
        }
        if inParagraph.allSatisfy(\.isWhitespace) { out.removeSubrange(open.lowerBound...) } else { out += "</p>" }
        out += block
        let after = rest.drop(while: \.isWhitespace)
        if after.hasPrefix("</p>") { rest = after.dropFirst(4) } else { out += "<p>" }
    }

    private static let voidElements: Set<Substring> = ["br", "img", "input", "wbr", "hr"]

    /// Whether every tag opened in `html` is closed in it.
    private static func closesEveryTag(_ html: Substring) -> Bool {
        var open = 0
        var rest = html
        while let start = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: start)...]
            guard let end = rest.firstIndex(of: ">") else { return false }
            let tag = rest[..<end]
            rest = rest[rest.index(after: end)...]
            if tag.hasPrefix("/") {
                open -= 1
            } else if !tag.hasSuffix("/"), !voidElements.contains(tag.prefix { $0.isLetter || $0.isNumber }) {
                open += 1
            }
        }
        return open == 0
    }
}

/// Obsidian's size for a Markdown image: `![Engelbart|100x145](url)` is 100 pixels wide and 145
/// high, `![Engelbart|100](url)` 100 wide; the alt text is what comes before the `|`. cmark
/// renders the `<img>` itself: a marker put before the image node carries the size to its tag
/// (`apply`), with C0 control characters that `SourceText` keeps out of notes.
struct ImageSize: Equatable {
    var width: Int
    var height: Int?

    /// The size ending `alt`, the alt text before it, and the part to cut (`|100x145`).
    static func split(_ alt: String) -> (alt: String, size: ImageSize, suffix: String)? {
        guard let bar = alt.lastIndex(of: "|") else { return nil }
        let spec = alt[alt.index(after: bar)...].split(separator: "x", maxSplits: 1, omittingEmptySubsequences: false)
        guard let width = number(spec[0]) else { return nil }
        var height: Int?
        if spec.count == 2 {
            guard let value = number(spec[1]) else { return nil }
            height = value
        }
        let shown = String(alt[..<bar]).trimmingWhitespace()
        return (shown, ImageSize(width: width, height: height), String(alt[bar...]))
    }

    /// ASCII digits, white space around them allowed, up to a size no screen has.
    private static func number(_ text: Substring) -> Int? {
        let digits = text.trimmingWhitespaceSubstring()
        guard !digits.isEmpty, digits.count <= 5, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        return Int(digits)
    }

    /// The marker the tree gets before the image.
    var marker: String { "\u{5}\(width)x\(height ?? 0)\u{6}" }

    /// `html` with each marker put into the `<img` tag after it, as `width` and `height`.
    static func apply(to html: String) -> String {
        guard html.utf8.contains(5) else { return html }
        var out = ""
        var rest = html[...]
        while let start = rest.firstIndex(of: "\u{5}"), let end = rest[start...].firstIndex(of: "\u{6}") {
            out += rest[..<start]
            let parts = rest[rest.index(after: start)..<end].split(separator: "x")
            rest = rest[rest.index(after: end)...]
            guard parts.count == 2, rest.hasPrefix("<img ") else { continue }
            out += "<img width=\"\(parts[0])\"" + (parts[1] == "0" ? "" : " height=\"\(parts[1])\"") + " "
            rest = rest.dropFirst(5)
        }
        return out + rest
    }
}

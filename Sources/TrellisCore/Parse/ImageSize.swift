/// Obsidian's size for a Markdown image: `![Engelbart|100x145](url)` is 100 pixels wide and 145
/// high, `![Engelbart|100](url)` 100 wide; the alt text is what comes before the `|`. cmark
/// renders the `<img>` itself: a marker put before the image node carries the size to its tag
/// (`apply`), with C0 control characters that `SourceText` keeps out of notes.
struct ImageSize: Equatable {
    var width: Int
    var height: Int?

    /// The size ending `alt`, the alt text before it, and the part to cut (`|100x145`). An alt text
    /// that is only a size is one too, with no alt text (`![250](url)`, as Obsidian's help writes
    /// an image's width).
    static func split(_ alt: String) -> (alt: String, size: ImageSize, suffix: String)? {
        guard let bar = alt.lastIndex(of: "|") else { return ImageSize(alt[...]).map { ("", $0, alt) } }
        guard let size = ImageSize(alt[alt.index(after: bar)...]) else { return nil }
        return (String(alt[..<bar]).trimmingWhitespace(), size, String(alt[bar...]))
    }

    /// `100` or `100x145`, white space around each number allowed.
    private init?(_ spec: Substring) {
        let parts = spec.split(separator: "x", maxSplits: 1, omittingEmptySubsequences: false)
        guard let width = ImageSize.number(parts[0]) else { return nil }
        self.width = width
        guard parts.count == 2 else { return }
        guard let height = ImageSize.number(parts[1]) else { return nil }
        self.height = height
    }

    init(width: Int, height: Int?) {
        self.width = width
        self.height = height
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

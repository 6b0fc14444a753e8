/// The footnotes an embedded section or block shows: a note's footnotes are listed once, after its
/// body, so a section or block cut out of it has its references (`href="#fn-2"`) but not their
/// notes — and the last section took the whole list, notes it never refers to included. The
/// list is cut off the note's HTML, and each excerpt gets the notes it refers to, numbered as in
/// the note (`<li value="2">`), their back-links leading to a reference the excerpt has.
enum EmbeddedFootnotes {
    private static let listStart = "<section class=\"footnotes\" role=\"doc-endnotes\">"

    /// The note's HTML before its footnotes list, and the list (nil when it has none).
    static func split(_ html: String) -> (body: Substring, list: Substring?) {
        guard let start = html.range(of: listStart, options: .backwards)?.lowerBound else { return (html[...], nil) }
        return (html[..<start], html[start...])
    }

    /// `excerpt` with the footnotes of `list` it refers to, in the order it first refers to them.
    static func appending(to excerpt: String, from list: Substring?) -> String {
        guard let list, excerpt.contains("href=\"#fn-") else { return excerpt }
        var items: [String] = []
        var seen: Set<Substring> = []
        for number in numbers(after: "href=\"#fn-", in: excerpt[...]) where seen.insert(number).inserted {
            // An item ends at the `</li>` after its back-link: a list inside the note has `</li>`s
            // of its own.
            guard let start = list.range(of: "<li id=\"fn-\(number)\">"),
                let back = list.range(of: "class=\"footnote-backref\"", range: start.upperBound..<list.endIndex),
                let end = list.range(of: "</li>", range: back.upperBound..<list.endIndex)
            else { continue }
            var item = "<li id=\"fn-\(number)\" value=\"\(number)\">" + list[start.upperBound..<end.upperBound]
            // The back-link leads to the note's first reference; the excerpt may hold a later one.
            if !excerpt.contains("id=\"fnref-\(number)\""),
                let other = numbers(after: "id=\"fnref-\(number)-", in: excerpt[...]).first
            {
                item = item.replacingOccurrences(
                    of: "href=\"#fnref-\(number)\"", with: "href=\"#fnref-\(number)-\(other)\"")
            }
            items.append(item)
        }
        guard !items.isEmpty else { return excerpt }
        return excerpt + listStart + "\n<ol>\n" + items.joined(separator: "\n") + "\n</ol>\n</section>\n"
    }

    /// The digits after each `prefix` in `text`.
    private static func numbers(after prefix: String, in text: Substring) -> [Substring] {
        var found: [Substring] = []
        var rest = text
        while let match = rest.range(of: prefix) {
            rest = rest[match.upperBound...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty { found.append(digits) }
        }
        return found
    }
}

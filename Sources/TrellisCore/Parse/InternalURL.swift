import Foundation

/// Decides whether a Markdown link's URL points into the vault, and reads it as a link target.
///
/// `Other%20Note.md#Heading`, `Other%20Note`, `../media/chart.png` and `#Reading order` are
/// internal; anything with a scheme (`https:`, `mailto:`) or starting with `//` is not.
enum InternalURL {
    static func parse(_ url: String) -> (written: String, target: LinkTarget)? {
        guard !url.isEmpty, !url.hasPrefix("//"), !hasScheme(url) else { return nil }
        // Obsidian trims what the percent-decoding leaves: `My%20image.png%20` is `My image.png`.
        let written = decoded(url).trimmingWhitespace()
        let hash = url.firstIndex(of: "#")
        let path = decoded(hash.map { String(url[..<$0]) } ?? url).trimmingWhitespace()
        guard let hash else { return (written, LinkTarget(path: path)) }
        var target = LinkTarget(parsing: "#" + decoded(String(url[url.index(after: hash)...])))
        target.path = path
        return (written, target)
    }

    /// `text` percent-decoded, or as it is when it holds a `%` that starts no escape (`50%.md`).
    private static func decoded(_ text: String) -> String { text.removingPercentEncoding ?? text }

    private static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}

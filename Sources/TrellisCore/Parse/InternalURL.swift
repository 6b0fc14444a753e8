import Foundation

/// Decides whether a Markdown link's URL points into the vault, and reads it as a link target.
///
/// `Other%20Note.md#Heading`, `../media/chart.png` and `#Reading order` are internal;
/// anything with a scheme (`https:`, `mailto:`) or starting with `//` is not.
enum InternalURL {
    static func parse(_ url: String) -> (written: String, target: LinkTarget)? {
        guard !url.isEmpty, !url.hasPrefix("//"), !hasScheme(url) else { return nil }
        let written = url.removingPercentEncoding ?? url
        let hash = url.firstIndex(of: "#")
        let pathPart = hash.map { String(url[..<$0]) } ?? url
        let path = (pathPart.removingPercentEncoding ?? pathPart)
        guard let hash else { return (written, LinkTarget(path: path)) }
        let fragment = String(url[url.index(after: hash)...])
        var target = LinkTarget(parsing: "#" + (fragment.removingPercentEncoding ?? fragment))
        target.path = path
        return (written, target)
    }

    private static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}

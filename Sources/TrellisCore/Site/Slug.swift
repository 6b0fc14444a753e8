import Foundation

/// The slug rules that turn names into URLs and heading text into `id`s. Pure functions, tested as
/// input → output tables.
///
/// - A path component (`Leader Election`, `Résumé Tips`) becomes `leader-election`, `résumé-tips`:
///   Unicode NFC, lower case, white space and `_` become `-`, characters other than letters,
///   digits, `-` and `.` are dropped, runs of `-` collapse, `-` and `.` are trimmed from the ends.
///   Letters of every script stay as they are, so unicode names stay readable.
/// - A heading (`How does DNS work?`) becomes `how-does-dns-work`: the same rule; an empty result is
///   `section`. `HeadingIDs` makes them unique within a page: `x`, `x-1`, `x-2`…
public enum Slug {
    public static func component(_ name: String) -> String {
        var slug = ""
        var pendingDash = false
        for character in LinkKey.of(name) {
            if character.isLetter || character.isNumber || character == "." {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.append(character)
            } else if character.isWhitespace || character == "-" || character == "_" {
                pendingDash = true
            }
        }
        while let last = slug.last, last == "." || last == "-" { slug.removeLast() }
        while let first = slug.first, first == "." || first == "-" { slug.removeFirst() }
        return slug
    }

    public static func heading(_ text: String) -> String {
        let slug = component(text)
        return slug.isEmpty ? "section" : slug
    }
}

/// Hands out heading ids unique within one page.
public struct HeadingIDs: Sendable {
    private var used: [String: Int] = [:]

    public init() {}

    public mutating func next(for text: String) -> String {
        let base = Slug.heading(text)
        guard let count = used[base] else {
            used[base] = 0
            return base
        }
        var suffix = count + 1
        while used["\(base)-\(suffix)"] != nil { suffix += 1 }
        used[base] = suffix
        used["\(base)-\(suffix)"] = 0
        return "\(base)-\(suffix)"
    }
}

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
        // Scalars, not Characters: a combining mark after a dash would otherwise join the dash
        // into one "character" and slip past the trimming (found by fuzzing).
        var slug = String.UnicodeScalarView()
        var pendingDash = false
        var lastKept: Unicode.Scalar?
        for scalar in LinkKey.of(name).unicodeScalars {
            let properties = scalar.properties
            if isMark(properties.generalCategory) {
                // A mark belongs to the letter before it; alone, or after a dash or dot, it goes.
                if let last = lastKept, !pendingDash, last != "-", last != "." { slug.append(scalar) }
                continue
            }
            if properties.isAlphabetic || properties.numericType != nil || scalar == "." {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.append(scalar)
                lastKept = scalar
            } else if properties.isWhitespace || scalar == "-" || scalar == "_" {
                pendingDash = true
            }
        }
        var text = String(slug)
        while let last = text.unicodeScalars.last, last == "." || last == "-" { text.unicodeScalars.removeLast() }
        while let first = text.unicodeScalars.first, first == "." || first == "-" { text.unicodeScalars.removeFirst() }
        return text
    }

    private static func isMark(_ category: Unicode.GeneralCategory) -> Bool {
        category == .nonspacingMark || category == .spacingMark || category == .enclosingMark
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

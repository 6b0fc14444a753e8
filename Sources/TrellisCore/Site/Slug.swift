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
        name.utf8.allSatisfy({ $0 < 0x80 }) ? asciiComponent(name) : scalarComponent(name)
    }

    static func scalarComponent(_ name: String) -> String {
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

    /// The same rule on bytes, for the common all-ASCII name.
    static func asciiComponent(_ name: String) -> String {
        var slug: [UInt8] = []
        slug.reserveCapacity(name.utf8.count)
        var pendingDash = false
        for byte in name.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || lower == 0x2E {
                if pendingDash && !slug.isEmpty { slug.append(0x2D) }
                pendingDash = false
                slug.append(lower)
            } else if lower == 0x20 || (0x09...0x0D).contains(lower) || lower == 0x2D || lower == 0x5F {
                pendingDash = true
            }
        }
        var end = slug.count
        while end > 0, slug[end - 1] == 0x2E || slug[end - 1] == 0x2D { end -= 1 }
        var start = 0
        while start < end, slug[start] == 0x2E || slug[start] == 0x2D { start += 1 }
        return String(decoding: slug[start..<end], as: UTF8.self)
    }

    private static func isMark(_ category: Unicode.GeneralCategory) -> Bool {
        category == .nonspacingMark || category == .spacingMark || category == .enclosingMark
    }

    /// The most bytes a slug of a file or folder name keeps. File systems take at most 255 bytes
    /// in a name (Linux, macOS), and a vault name can reach that before `.html`, a collision's
    /// `-2` or a tag's nesting is added: a longer name made the page impossible to write.
    public static let fileNameBytes = 200

    /// `slug` when it has at most `fileNameBytes` bytes; else its start, cut between characters,
    /// then `-` and 8 hex digits of a hash of the whole slug, so two long names that start alike
    /// still get two names.
    public static func fitted(_ slug: String) -> String {
        guard slug.utf8.count > fileNameBytes else { return slug }
        let hash = UInt32(truncatingIfNeeded: ContentHash.of(Array(slug.utf8)))
        let tail = "-" + String(hash, radix: 16).leftPadded(to: 8)
        var kept = slug.prefix(fileNameBytes)  // characters: at least as many bytes
        while kept.utf8.count + tail.utf8.count > fileNameBytes { kept.removeLast() }
        while let last = kept.unicodeScalars.last, last == "-" || last == "." { kept.unicodeScalars.removeLast() }
        return kept + tail
    }

    public static func heading(_ text: String) -> String {
        let slug = component(text)
        return slug.isEmpty ? "section" : slug
    }
}

/// Hands out heading ids unique within one page.
public struct HeadingIDs: Sendable {
    private var used: [String: Int] = [:]

    /// The `id`s the default theme gives its own elements (`<main id="content">`, `search-input`…):
    /// a heading takes the next free one (`content-1`), so that `[[Note#Content]]` and the
    /// theme's script both find what they look for.
    static let theme: Set<String> = [
        "all-notes-title", "backlinks-title", "content", "explorer", "explorer-toggle", "folders", "global-graph",
        "local-graph", "local-graph-data", "local-graph-title", "recent-title", "search-input", "search-results",
        "theme-toggle", "toc-title",
    ]

    public init() {}

    public mutating func next(for text: String) -> String {
        var base = Slug.heading(text)
        // The forms of the ids Trellis gives footnotes (`fn-1`, `fnref-1-2`) and embedded notes'
        // headings (`embed-0-sub`) are theirs: a heading of that form is set apart by a prefix.
        if Self.isGenerated(base) { base = "h-" + base }
        guard let count = used[base] else {
            used[base] = 0
            if !Self.theme.contains(base) { return base }
            return next(after: base, from: 1)
        }
        return next(after: base, from: count + 1)
    }

    private mutating func next(after base: String, from start: Int) -> String {
        var suffix = start
        while used["\(base)-\(suffix)"] != nil || Self.theme.contains("\(base)-\(suffix)") { suffix += 1 }
        used[base] = suffix
        used["\(base)-\(suffix)"] = 0
        return "\(base)-\(suffix)"
    }

    /// `fn-` or `fnref-` then digits (and `-` digits), or `embed-` digits `-`: an id a footnote or
    /// an embed gets.
    static func isGenerated(_ id: String) -> Bool {
        guard let first = id.utf8.first, first == UInt8(ascii: "f") || first == UInt8(ascii: "e") else { return false }
        var bytes = Substring(id).utf8[...]
        func digits() -> Bool {
            let count = bytes.prefix { (0x30...0x39).contains($0) }.count
            bytes = bytes.dropFirst(count)
            return count > 0
        }
        for prefix in ["fnref-", "fn-"] where bytes.starts(with: prefix.utf8) {
            bytes = bytes.dropFirst(prefix.utf8.count)
            guard digits() else { return false }
            if bytes.isEmpty { return true }
            guard bytes.first == 0x2D else { return false }
            bytes = bytes.dropFirst()
            return digits() && bytes.isEmpty
        }
        guard bytes.starts(with: "embed-".utf8) else { return false }
        bytes = bytes.dropFirst(6)
        return digits() && bytes.first == 0x2D
    }
}

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

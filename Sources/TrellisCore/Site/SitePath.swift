/// A file's path inside the built site, relative to its root, with `/` separators:
/// `topics/deeper/leader-election.html`. Pages link to each other with relative URLs computed
/// from two of these, so the site works from `file://` and under any sub-path.
public struct SitePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let string: String
    /// The path percent-encoded for use in a URL, computed once.
    private let encoded: String
    private let folderLength: Int
    private let depth: Int

    public init(_ string: String) {
        self.string = string
        var depth = 0
        var folderLength = 0
        var safe = true
        for (offset, byte) in string.utf8.enumerated() {
            if byte == 0x2F {
                depth += 1
                folderLength = offset
            } else if !URLEncoding.isPathSafe(byte) {
                safe = false
            }
        }
        // Slugged paths need no encoding: most are kept as they are.
        self.encoded =
            safe
            ? string
            : string.split(separator: "/", omittingEmptySubsequences: false)
                .map { URLEncoding.pathComponent(String($0)) }.joined(separator: "/")
        self.depth = depth
        self.folderLength = folderLength
    }

    public static func == (lhs: SitePath, rhs: SitePath) -> Bool { lhs.string == rhs.string }

    public func hash(into hasher: inout Hasher) { hasher.combine(string) }

    public var description: String { string }

    /// The path percent-encoded, for a URL.
    public var encodedPath: String { encoded }

    public static func < (lhs: SitePath, rhs: SitePath) -> Bool { lhs.string < rhs.string }

    /// The folder part, without a trailing slash; empty at the root.
    public var folder: String {
        guard let slash = string.lastIndex(of: "/") else { return "" }
        return String(string[..<slash])
    }

    /// `../` once per folder this path is in: the way back to the site root (`./` at the root).
    public var rootPrefix: String {
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// The relative, percent-encoded URL of `target` as seen from a page at `self`, with an
    /// optional fragment: `../queues.html#back-pressure`.
    public func url(to target: SitePath, fragment: String? = nil) -> String {
        var url: String
        if folderLength == target.folderLength
            && string.utf8.prefix(folderLength).elementsEqual(target.string.utf8.prefix(folderLength))
        {
            // Same folder: just the file name.
            url =
                folderLength == 0
                ? target.encoded
                : String(target.encoded[target.encoded.index(after: target.encoded.lastIndex(of: "/")!)...])
        } else {
            url = (folderLength == 0 ? "" : rootPrefix) + target.encoded
        }
        if let fragment, !fragment.isEmpty { url += "#" + URLEncoding.fragment(fragment) }
        return url
    }
}

enum URLEncoding {
    /// RFC 3986 unreserved characters and the sub-delimiters that are harmless in a path, as a
    /// table by byte (a set would hash every byte of every URL).
    private static let pathSafe = table(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$'()*+,;=:@")
    private static let fragmentSafe = table(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$'()*+,;=:@/?")

    private static func table(_ characters: String) -> [Bool] {
        var table = [Bool](repeating: false, count: 256)
        for byte in characters.utf8 { table[Int(byte)] = true }
        return table
    }

    static func isPathSafe(_ byte: UInt8) -> Bool { pathSafe[Int(byte)] }

    static func pathComponent(_ text: String) -> String { encode(text, keeping: pathSafe) }

    static func fragment(_ text: String) -> String { encode(text, keeping: fragmentSafe) }

    private static func encode(_ text: String, keeping safe: [Bool]) -> String {
        if text.utf8.allSatisfy({ safe[Int($0)] }) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if safe[Int(byte)] {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

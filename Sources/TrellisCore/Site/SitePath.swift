/// A file's path inside the built site, relative to its root, with `/` separators:
/// `topics/deeper/leader-election.html`. Pages link to each other with relative URLs computed
/// from two of these, so the site works from `file://` and under any sub-path.
public struct SitePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let string: String

    public init(_ string: String) {
        self.string = string
    }

    public var description: String { string }

    public static func < (lhs: SitePath, rhs: SitePath) -> Bool { lhs.string < rhs.string }

    /// The folder part, without a trailing slash; empty at the root.
    public var folder: String {
        guard let slash = string.lastIndex(of: "/") else { return "" }
        return String(string[..<slash])
    }

    /// `../` once per folder this path is in: the way back to the site root (`./` at the root).
    public var rootPrefix: String {
        let depth = string.reduce(0) { $0 + ($1 == "/" ? 1 : 0) }
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// The relative, percent-encoded URL of `target` as seen from a page at `self`, with an
    /// optional fragment: `../queues.html#back-pressure`.
    public func url(to target: SitePath, fragment: String? = nil) -> String {
        let from = folder.split(separator: "/")
        let to = target.string.split(separator: "/")
        var shared = 0
        while shared < from.count, shared < to.count - 1, from[shared] == to[shared] { shared += 1 }
        let ups = Array(repeating: "..", count: from.count - shared)
        let downs = to[shared...].map { URLEncoding.pathComponent(String($0)) }
        var url = (ups + downs).joined(separator: "/")
        if let fragment, !fragment.isEmpty { url += "#" + URLEncoding.fragment(fragment) }
        return url
    }
}

enum URLEncoding {
    /// RFC 3986 unreserved characters and the sub-delimiters that are harmless in a path.
    private static let pathSafe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$'()*+,;=:@".utf8)

    static func pathComponent(_ text: String) -> String { encode(text, keeping: pathSafe) }

    static func fragment(_ text: String) -> String { encode(text, keeping: pathSafe.union("/?".utf8)) }

    private static func encode(_ text: String, keeping safe: Set<UInt8>) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if safe.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

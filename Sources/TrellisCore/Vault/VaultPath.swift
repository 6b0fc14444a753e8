/// A file's path relative to the vault root, with `/` separators: `Topics/Deeper/Leader Election.md`.
///
/// Paths are kept exactly as the file system spells them (so they can be read back); comparisons
/// for link resolution go through `LinkKey`, which folds case and Unicode normalisation. Its parts
/// are found by bytes, as the file system finds them: a `/` or `.` followed by a combining mark
/// still separates.
public struct VaultPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let string: String

    public init(_ string: String) {
        self.string = string
    }

    public var description: String { string }

    public static func < (lhs: VaultPath, rhs: VaultPath) -> Bool { lhs.string < rhs.string }

    public var components: [Substring] { string.split(separator: "/") }

    /// The last component: `Leader Election.md`.
    public var fileName: String {
        guard let slash = lastSlash else { return string }
        return String(string[string.utf8.index(after: slash)...])
    }

    /// The folder part, without a trailing slash; empty at the vault root.
    public var folder: String {
        guard let slash = lastSlash else { return "" }
        return String(string[..<slash])
    }

    /// The last `/`, looked for in the bytes in place: the UTF-8 view's own `lastIndex(of:)` steps
    /// back through its index one byte at a time, and a link's note asks for its folder.
    private var lastSlash: String.Index? {
        let utf8 = string.utf8
        guard let offset = utf8.withContiguousStorageIfAvailable({ $0.lastIndex(of: 0x2F) }) else {
            return utf8.lastIndex(of: 0x2F)  // a bridged string
        }
        return offset.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }

    /// The extension in lower case, without the dot; empty when there is none.
    public var fileExtension: String {
        let name = fileName
        guard let dot = name.utf8.lastIndex(of: 0x2E), dot != name.startIndex else { return "" }
        return name[name.utf8.index(after: dot)...].lowercased()
    }

    /// The file name without its extension: `Leader Election`.
    public var stem: String {
        let name = fileName
        guard let dot = name.utf8.lastIndex(of: 0x2E), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    public var isNote: Bool { fileExtension == "md" }

    /// How many folders deep the file is (0 at the root).
    public var depth: Int { string.utf8.reduce(0) { $1 == 0x2F ? $0 + 1 : $0 } }
}

/// Cleans a link's path before lookup, and keeps every link inside the vault: `..` may climb
/// folders but never above the vault root, and an absolute path (`/Topics/Note`) is taken from
/// the vault root, as Obsidian, Foam and Quartz read it — and only from there.
enum PathNormaliser {
    struct Normalised: Equatable {
        /// The path as a suffix to match anywhere in the vault (`x/Same`, `Queues.md`).
        var relative: String
        /// For a Markdown link: the same path taken from the linking note's folder; for an
        /// absolute path, the path from the vault root.
        var fromFolder: String?
        /// False for an absolute path: it names one place, not a suffix.
        var matchesAnywhere = true
    }

    static func normalise(_ raw: String, relativeTo folder: String, pathRelative: Bool) -> Normalised? {
        // Most links are a bare name or a plain relative path: nothing to split or climb.
        if isPlain(raw) {
            return Normalised(
                relative: raw, fromFolder: pathRelative ? (folder.isEmpty ? raw : folder + "/" + raw) : nil)
        }
        return cleaned(raw, relativeTo: folder, pathRelative: pathRelative)
    }

    /// The general cleaning: split at `/` (or `\`), drop `.` and empty parts, climb `..`.
    static func cleaned(_ raw: String, relativeTo folder: String, pathRelative: Bool) -> Normalised? {
        if raw.utf8.allSatisfy({ $0 < 0x80 }) && folder.utf8.allSatisfy({ $0 < 0x80 }) {
            return cleanedASCII(Array(raw.utf8), relativeTo: Array(folder.utf8), pathRelative: pathRelative)
        }
        return cleanedCharacters(raw, relativeTo: folder, pathRelative: pathRelative)
    }

    /// `cleaned` on characters; `cleanedASCII` must agree with it on ASCII text.
    static func cleanedCharacters(_ raw: String, relativeTo folder: String, pathRelative: Bool) -> Normalised? {
        let text = raw.utf8.contains(0x5C) ? raw.replacingOccurrences(of: "\\", with: "/") : raw
        let isAbsolute = text.hasPrefix("/")
        let parts = text.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !parts.isEmpty else { return nil }
        let climbs = parts.contains("..")
        if !climbs {
            let joined = parts.joined(separator: "/")
            if isAbsolute { return Normalised(relative: joined, fromFolder: joined, matchesAnywhere: false) }
            let fromFolder = pathRelative ? (folder.isEmpty ? joined : folder + "/" + joined) : nil
            return Normalised(relative: joined, fromFolder: fromFolder)
        }
        // `..` only makes sense from a folder: resolve it, refusing to leave the vault.
        var stack = isAbsolute ? [] : folder.split(separator: "/").map(String.init)
        for part in parts {
            if part == ".." {
                guard !stack.isEmpty else { return nil }
                stack.removeLast()
            } else {
                stack.append(String(part))
            }
        }
        guard !stack.isEmpty else { return nil }
        let joined = stack.joined(separator: "/")
        return Normalised(relative: joined, fromFolder: joined, matchesAnywhere: !isAbsolute)
    }

    /// `cleaned` on the bytes of an ASCII path and folder, where a character is a byte: the
    /// relative Markdown links (`../Topics/Note.md`) of a large vault, without the arrays of
    /// strings the general cleaning makes for each.
    static func cleanedASCII(_ raw: [UInt8], relativeTo folder: [UInt8], pathRelative: Bool) -> Normalised? {
        let slash = UInt8(ascii: "/")
        let text = raw.map { $0 == UInt8(ascii: "\\") ? slash : $0 }
        let isAbsolute = text.first == slash
        func parts(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] { bytes.split(separator: slash) }
        let written = parts(text).filter { !$0.elementsEqual([UInt8(ascii: ".")]) }
        guard !written.isEmpty else { return nil }
        let up = [UInt8(ascii: "."), UInt8(ascii: ".")]
        func string(_ parts: [ArraySlice<UInt8>]) -> String {
            String(decoding: Array(parts.joined(separator: [slash])), as: UTF8.self)
        }
        guard written.contains(where: { $0.elementsEqual(up) }) else {
            let joined = string(written)
            if isAbsolute { return Normalised(relative: joined, fromFolder: joined, matchesAnywhere: false) }
            let fromFolder =
                pathRelative ? (folder.isEmpty ? joined : String(decoding: folder, as: UTF8.self) + "/" + joined) : nil
            return Normalised(relative: joined, fromFolder: fromFolder)
        }
        var stack = isAbsolute ? [] : parts(folder)
        for part in written {
            if part.elementsEqual(up) {
                guard !stack.isEmpty else { return nil }
                stack.removeLast()
            } else {
                stack.append(part)
            }
        }
        guard !stack.isEmpty else { return nil }
        let joined = string(stack)
        return Normalised(relative: joined, fromFolder: joined, matchesAnywhere: !isAbsolute)
    }

    /// A relative path of named folders and a name (`a/b/Note.md`): no `\`, no empty, `.` or `..`
    /// part, no `/` at either end. The general cleaning gives it back as it is.
    static func isPlain(_ path: String) -> Bool {
        // Every link asks: its bytes are read in place, not stepped through the UTF-8 view.
        path.utf8.withContiguousStorageIfAvailable(isPlain) ?? isPlain(path.utf8)
    }

    private static func isPlain<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        var partStart = true
        var dots = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "/"):
                if partStart || dots == 1 || dots == 2 { return false }
                partStart = true
                dots = 0
            case UInt8(ascii: "\\"):
                return false
            case UInt8(ascii: "."):
                if partStart || dots > 0 { dots += 1 }
                partStart = false
            default:
                partStart = false
                dots = -1
            }
        }
        return !partStart && dots != 1 && dots != 2
    }
}

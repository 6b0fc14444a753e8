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

    /// A relative path of named folders and a name (`a/b/Note.md`): no `\`, no empty, `.` or `..`
    /// part, no `/` at either end. The general cleaning gives it back as it is.
    static func isPlain(_ path: String) -> Bool {
        var partStart = true
        var dots = 0
        for byte in path.utf8 {
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

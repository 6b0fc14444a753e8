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
        // Most wiki links are a bare name: nothing to split or climb.
        if !pathRelative, !raw.isEmpty, raw != ".", raw != "..", !raw.utf8.contains(where: { $0 == 0x2F || $0 == 0x5C })
        {
            return Normalised(relative: raw, fromFolder: nil)
        }
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
}

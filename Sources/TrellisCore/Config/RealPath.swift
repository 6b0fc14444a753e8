import Foundation

/// Absolute paths with every symbolic link resolved, to tell whether one folder lies inside
/// another (the output inside the vault, a configured theme outside it).
enum RealPath {
    /// The absolute, link-free path of `url`, even when its last names do not exist yet (a
    /// folder to be made); nil when it passes through a link that leads nowhere.
    static func of(_ url: URL) -> String? {
        var existing = url.standardizedFileURL.path
        var missing: [Substring] = []
        var info = stat()
        // `lstat`: a broken link is there, and must not be taken for a name still to be made.
        while lstat(existing, &info) != 0, errno == ENOENT, existing != "/" {
            let slash = existing.lastIndex(of: "/")!
            missing.insert(existing[existing.index(after: slash)...], at: 0)
            existing = slash == existing.startIndex ? "/" : String(existing[..<slash])
        }
        guard let resolved = realpath(existing, nil) else { return nil }
        defer { free(resolved) }
        var path = String(cString: resolved)
        for name in missing { path += (path == "/" ? "" : "/") + name }
        return path
    }

    /// Whether the resolved `path` lies below the vault `root` in no hidden folder: where the scan
    /// reads notes, so where Trellis writes nothing.
    static func isAmongNotes(_ path: String, _ root: String) -> Bool {
        path.hasPrefix(root + "/")
            && !path.dropFirst(root.count + 1).split(separator: "/").contains { $0.hasPrefix(".") }
    }

    /// For a resolved `path` in a hidden folder below the vault `root`: the first folder among the
    /// notes that making it would make (`sub` for `sub/.site` when the vault has no `sub`); nil
    /// when there is none to make.
    static func noteFolderMade(by path: String, _ root: String) -> String? {
        guard path.hasPrefix(root + "/") else { return nil }
        var folder = root
        for name in path.dropFirst(root.count + 1).split(separator: "/") {
            if name.hasPrefix(".") { return nil }
            folder += "/" + name
            var info = stat()
            if lstat(folder, &info) != 0 { return folder }
        }
        return nil
    }

    /// Whether the resolved `path` is `folder` or lies below it.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || folder == "/" || path.hasPrefix(folder + "/")
    }
}

import Foundation

/// Refuses output folders that would put the vault or the user's files at risk: the vault itself,
/// a folder inside the vault (but for a hidden one such as `.site`), a folder that contains the
/// vault, `/`, and the home folder.
public enum OutputGuard {
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    public static func check(output: URL, vault: URL) throws {
        let out = resolved(output)
        let root = resolved(vault)
        let home = resolved(FileManager.default.homeDirectoryForCurrentUser)
        let advice = "choose another --output folder, outside the vault (the default is ./public)"
        if out == "/" { throw Refusal(description: "refusing to write the site to / ; \(advice)") }
        if out == home { throw Refusal(description: "refusing to write the site to the home folder \(out); \(advice)") }
        if out == root { throw Refusal(description: "refusing to write the site into the vault itself (\(out)); \(advice)") }
        if root.hasPrefix(out + "/") {
            throw Refusal(description: "refusing to write the site to \(out): it contains the vault \(root); \(advice)")
        }
        if out.hasPrefix(root + "/") {
            let inside = out.dropFirst(root.count + 1).split(separator: "/")
            if !inside.contains(where: { $0.hasPrefix(".") }) {
                throw Refusal(
                    description: "refusing to write the site inside the vault (\(out)): it would become part of the notes; \(advice), or use a hidden folder such as \(root)/.site")
            }
        }
    }

    /// The absolute, symlink-free path, even for a folder that does not exist yet.
    static func resolved(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            missing.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        var path = existing.resolvingSymlinksInPath().path
        for part in missing { path = (path == "/" ? "" : path) + "/" + part }
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}

import Foundation

/// Refuses output folders that would put the vault or the user's files at risk: the vault itself,
/// a folder inside the vault (but for a hidden one such as `.site`), a folder that contains the
/// vault, `/`, and the home folder. A path that names a file, not a folder, is refused too, in words
/// rather than as the file system's error.
public enum OutputGuard {
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// `themes`: the theme folders of the build, which the output folder and the staging folder
    /// beside it (replaced whole by a build, removed by `clean`) must not hold either.
    public static func check(output: URL, vault: URL, themes: [URL] = []) throws {
        let advice = "choose another --output folder, outside the vault (the default is ./public)"
        guard let out = RealPath.of(output) else {
            throw Refusal(
                description:
                    "refusing to write the site to \(output.path): the path cannot be resolved (a broken symbolic link, or a file on the way); \(advice)"
            )
        }
        var info = stat()
        if stat(out, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            throw Refusal(
                description: "refusing to write the site to \(output.path): it is a file, not a folder; \(advice)")
        }
        let root = RealPath.of(vault) ?? vault.standardizedFileURL.path
        let home = RealPath.of(FileManager.default.homeDirectoryForCurrentUser) ?? ""
        if out == "/" { throw Refusal(description: "refusing to write the site to / ; \(advice)") }
        if out == home { throw Refusal(description: "refusing to write the site to the home folder \(out); \(advice)") }
        if out == root {
            throw Refusal(description: "refusing to write the site into the vault itself (\(out)); \(advice)")
        }
        if root.hasPrefix(out + "/") {
            throw Refusal(description: "refusing to write the site to \(out): it contains the vault \(root); \(advice)")
        }
        if RealPath.isAmongNotes(out, root) {
            throw Refusal(
                description:
                    "refusing to write the site inside the vault (\(out)): it would become part of the notes; \(advice), or use a hidden folder such as \(root)/.site"
            )
        }
        if let made = RealPath.noteFolderMade(by: out, root) {
            throw Refusal(
                description:
                    "refusing to write the site to \(out): it would make the folder \(made) among the notes; \(advice), or use a hidden folder such as \(root)/.site"
            )
        }
        let staging = StagingFolder.path(for: out)
        let folders =
            [("the vault", root)] + themes.map { ("the theme folder", RealPath.of($0) ?? $0.standardizedFileURL.path) }
        for (name, folder) in folders {
            if RealPath.isInside(folder, staging) {
                throw Refusal(
                    description:
                        "refusing to write the site to \(out): the staging folder beside it, \(staging), which a build replaces whole, is or holds \(name) \(folder); \(advice)"
                )
            }
            if name != "the vault", RealPath.isInside(folder, out) {
                throw Refusal(
                    description: "refusing to write the site to \(out): it holds \(name) \(folder); \(advice)")
            }
        }
    }
}

import Foundation

extension Config {
    /// The folders and files the file names (`output`, `theme`, `cache_dir`, `mermaid`) must lie
    /// inside the vault, links resolved: a vault is untrusted input, and one that said
    /// `output = "/any/where"` would have a build write there, `theme = "../outside"` would
    /// publish the files of a folder beside it, `mermaid = "/etc/passwd"` would copy that file
    /// into the site. So they are relative, without `..`, and do not lead out through a link.
    /// `--output` and `--theme` may name any folder: the person running the command chose it.
    func checkPaths(vault: URL, text: String) throws {
        let reader = TOMLReader(text: text)
        let root = RealPath.of(vault) ?? vault.standardizedFileURL.path
        for (key, value) in [("output", output), ("theme", theme), ("cache_dir", cacheDir), ("mermaid", mermaid)] {
            guard let value else { continue }
            let isFile = key == "mermaid"
            let advice =
                isFile
                ? "copy the script into the vault (or into the theme's assets/)"
                : "a folder outside the vault can be given with --\(key.replacingOccurrences(of: "_", with: "-"))"
            func refuse(_ reason: String) -> ConfigError {
                ConfigError(
                    line: reader.line(of: key),
                    message:
                        "`\(key)` must be a \(isFile ? "file" : "folder") inside the vault, but \"\(value)\" \(reason); \(advice)"
                )
            }
            if value.hasPrefix("/") { throw refuse("is an absolute path") }
            if value.split(separator: "/").contains("..") { throw refuse("goes up with `..`") }
            guard let real = RealPath.of(vault.appendingPathComponent(value)) else {
                throw refuse("cannot be resolved (a broken symbolic link, or a file on the way)")
            }
            if !RealPath.isInside(real, root) { throw refuse("leads out of it through a symbolic link, to \(real)") }
            if real == root { throw refuse("is the vault itself") }
            if isFile && !(value.hasSuffix(".js") || value.hasSuffix(".mjs")) { throw refuse("is not a script (.js)") }
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: real, isDirectory: &isFolder)
            if isFile && !(exists && !isFolder.boolValue) { throw refuse("is not a file there") }
            // The theme is read, not made: a name that is not a folder would leave the default
            // theme in use without a word (and a note of that name out of the vault).
            if key == "theme" && !(exists && isFolder.boolValue) { throw refuse("is not a folder there") }
            if key != "theme" && !isFile && exists && !isFolder.boolValue { throw refuse("is a file") }
            // The cache is Trellis's own: among the notes, or in the site, it would be read or published.
            if key == "cache_dir" {
                if !value.split(separator: "/").contains(where: { $0.hasPrefix(".") && $0 != "." }) {
                    throw refuse(
                        "is not in a hidden folder (one whose name starts with `.`), so it would be among the notes")
                }
                if let output, let site = RealPath.of(vault.appendingPathComponent(output)),
                    RealPath.isInside(real, site)
                {
                    throw refuse("is in the output folder, which holds the site only")
                }
            }
        }
    }
}

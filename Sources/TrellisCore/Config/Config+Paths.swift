import Foundation

extension Config {
    /// The folders the file names (`output`, `theme`, `cache_dir`) must lie inside the vault, links resolved:
    /// a vault is untrusted input, and one that said `output = "/any/where"` would have a build
    /// write there, `theme = "../outside"` would publish the files of a folder beside it. So
    /// they are relative, without `..`, and do not lead out through a link. `--output` and
    /// `--theme` may name any folder: the person running the command chose it.
    func checkPaths(vault: URL, text: String) throws {
        let reader = TOMLReader(text: text)
        let root = RealPath.of(vault) ?? vault.standardizedFileURL.path
        for (key, value) in [("output", output), ("theme", theme), ("cache_dir", cacheDir)] {
            guard let value else { continue }
            let advice = "a folder outside the vault can be given with --\(key.replacingOccurrences(of: "_", with: "-"))"
            func refuse(_ reason: String) -> ConfigError {
                ConfigError(line: reader.line(of: key), message: "`\(key)` must be a folder inside the vault, but \"\(value)\" \(reason); \(advice)")
            }
            if value.hasPrefix("/") { throw refuse("is an absolute path") }
            if value.split(separator: "/").contains("..") { throw refuse("goes up with `..`") }
            guard let real = RealPath.of(vault.appendingPathComponent(value)) else {
                throw refuse("cannot be resolved (a broken symbolic link, or a file on the way)")
            }
            if !RealPath.isInside(real, root) { throw refuse("leads out of it through a symbolic link, to \(real)") }
        }
    }
}

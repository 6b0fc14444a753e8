import Foundation

/// Where a build keeps its cache (`BuildCache`): outside the output folder, so that the folder
/// people publish holds the site and nothing else.
///
/// By default it is a folder of the user's cache directory (`$XDG_CACHE_HOME/trellis`, else
/// `~/.cache/trellis`) named for the vault and the output folder, so two sites built from one
/// vault, or two vaults built into one folder, never share a cache. `--cache-dir` or the config's
/// `cache_dir` names the folder instead.
public enum CacheLocation {
    /// The cache folder for this run: `options.cacheFolder`, else the config's `cache_dir`
    /// (relative to the vault), else the default for this vault and output.
    public static func folder(_ options: RunOptions, _ config: Config, output: URL) -> URL {
        if let explicit = options.cacheFolder { return explicit }
        if let configured = config.cacheDir { return Pipeline.inVault(configured, options.vault) }
        return defaultFolder(vault: options.vault, output: output, environment: ProcessInfo.processInfo.environment)
    }

    /// Refuses a cache folder among the notes or the site: the vault (but for a hidden folder of
    /// it, which the scan never reads, as for the output) and the output folder or the staging
    /// folder beside it, which hold the site only — and a file.
    public static func check(_ folder: URL, output: URL, vault: URL) throws {
        let advice =
            "choose another cache folder (--cache-dir, or cache_dir in trellis.toml): outside the vault or in a hidden folder of it, and outside the output folder"
        func refuse(_ reason: String) -> OutputGuard.Refusal {
            OutputGuard.Refusal(description: "refusing to keep the build cache in \(folder.path): \(reason); \(advice)")
        }
        guard let cache = RealPath.of(folder) else {
            throw refuse("the path cannot be resolved (a broken symbolic link, or a file on the way)")
        }
        var info = stat()
        if stat(cache, &info) == 0, info.st_mode & S_IFMT != S_IFDIR { throw refuse("it is a file, not a folder") }
        let root = RealPath.of(vault) ?? vault.standardizedFileURL.path
        if cache == root { throw refuse("it is the vault itself") }
        if RealPath.isAmongNotes(cache, root) { throw refuse("it is among the notes") }
        if let made = RealPath.noteFolderMade(by: cache, root) {
            throw refuse("it would make the folder \(made) among the notes")
        }
        for site in [output, URL(fileURLWithPath: StagingFolder.path(for: output.path))] {
            if let path = RealPath.of(site), RealPath.isInside(cache, path) {
                throw refuse("the folder \(site.path) holds the site only")
            }
        }
    }

    /// `<cache home>/trellis/<vault name>-<16 hex digits>`, the digits a hash of the vault's and
    /// the output's absolute paths.
    static func defaultFolder(vault: URL, output: URL, environment: [String: String]) -> URL {
        trellisFolder(environment).appendingPathComponent(
            label(vault, key: absolute(vault) + "\0" + absolute(output)), isDirectory: true)
    }

    /// Where `trellis serve` builds the preview when no `--output` is given:
    /// `<cache home>/trellis/serve/<vault name>-<16 hex digits>`, the digits a hash of the
    /// vault's absolute path. Not a folder of `/tmp`, whose name any user of the machine could
    /// guess and make first, and whose pages they could read.
    public static func previewFolder(vault: URL, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> URL
    {
        trellisFolder(environment).appendingPathComponent("serve", isDirectory: true).appendingPathComponent(
            label(vault, key: absolute(vault)), isDirectory: true)
    }

    /// `<cache home>/trellis`: `$XDG_CACHE_HOME`, else `~/.cache`, else a folder of the user's
    /// own in the temporary directory.
    private static func trellisFolder(_ environment: [String: String]) -> URL {
        let base: URL
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg, isDirectory: true)
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache", isDirectory: true)
        } else {
            base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true).appendingPathComponent(
                "trellis-cache-\(getuid())")
        }
        return base.appendingPathComponent("trellis", isDirectory: true)
    }

    /// The vault's folder name, slugged, then 16 hex digits of a hash of `key`.
    private static func label(_ vault: URL, key: String) -> String {
        let name = Slug.fitted(Slug.component(vault.standardizedFileURL.lastPathComponent))
        let digits = String(ContentHash.of(Array(key.utf8)), radix: 16)
        return (name.isEmpty ? "vault" : name) + "-" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Makes `folder`'s parent and the folders above it up to `<cache home>/trellis`, each
    /// readable by the user alone, and checks that the parent is a folder of the user's own (not a
    /// symbolic link, nor one another user made first). Throws when it is not.
    public static func preparePrivateParent(of folder: URL) throws {
        let parent = folder.deletingLastPathComponent()
        try? FileManager.default.createDirectory(
            at: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var info = stat()
        guard lstat(parent.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid(),
            info.st_mode & 0o077 == 0
        else {
            throw OutputGuard.Refusal(
                description:
                    "refusing to build the preview in \(folder.path): \(parent.path) is not a folder of yours that only you can read; remove it or pass --output"
            )
        }
    }

    /// A folder's absolute path with links resolved where it exists, so `./Notes` and
    /// `/home/me/Notes` share a cache.
    private static func absolute(_ url: URL) -> String {
        url.standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Makes the cache folder (and its parents), readable by the user alone: it holds the text of
    /// unpublished notes' names and links. False when it cannot be made.
    static func prepare(_ folder: URL) -> Bool {
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return true
        } catch {
            return false
        }
    }

    /// Deletes the cache for this run, if there is one; true when it removed something.
    /// Deletes the build cache and the staging folder beside the output (which holds the site
    /// before last, linked): the next build is a full one, and builds its staging folder anew.
    public static func clean(_ options: RunOptions) throws -> (folder: URL, removed: Bool, staging: String?) {
        let config = try Config.load(vault: options.vault)
        let output = Pipeline.outputFolder(options, config)
        let folder = folder(options, config, output: output)
        try check(folder, output: output, vault: options.vault)
        // The staging folder is removed whole: never when it is or holds the vault or a theme.
        try OutputGuard.check(
            output: output, vault: options.vault, themes: (try? Pipeline.themeFolders(options, config)) ?? [])
        let existed =
            BuildCache.exists(in: folder)
            || FileManager.default.fileExists(atPath: BuildCache.notesURL(in: folder).path)
        BuildCache.remove(from: folder)
        // The folder itself goes when the cache was all it held.
        rmdir(folder.path)
        return (folder, existed, StagingFolder.remove(forOutput: output))
    }

    /// The cache files an older Trellis kept in the output folder: they are not part of the site.
    static func removeLegacy(from output: URL) {
        for name in [BuildCache.fileName, BuildCache.notesFileName] {
            let path = output.appendingPathComponent(name).path
            unlink(path)
            unlink(path + ".tmp")
        }
    }
}

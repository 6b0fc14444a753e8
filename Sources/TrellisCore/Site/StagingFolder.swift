import Foundation

/// The hidden folder beside the output where the next site is built: `.public.trellis-staging`
/// for `public`. Before a build writes, it is made to hold the same files as the output, each a
/// hard link to the output's own (a link per file, no copy); the build then replaces the files
/// that change, and the two folders are swapped in one step (`renameat2(RENAME_EXCHANGE)`). So
/// whenever the build is killed, the output folder is the whole previous site or the whole new
/// one.
///
/// After the swap the staging folder holds the previous site; it is brought level with the new
/// one at once, so the files the build replaced are freed and the next build has only its own
/// changes to link, and stamped (`LevelStamp`), so the next build need not list both folders
/// to know that they still match. It is kept between builds: making it again would cost a link
/// for every file of the site. But after a first build (the previous site an empty folder) there
/// is no staging folder: the next build, if there is one, makes it.
///
/// Anything in the folder that the output does not hold — a temporary file of a killed build, a
/// page of a build that never got swapped in — is deleted when it is next brought level, never
/// through a symbolic link.
final class StagingFolder {
    static let suffix = ".trellis-staging"

    /// The staging folder's path.
    let path: String
    private let output: String
    private let jobs: Int?
    /// The output's folders when the staging folder was last brought level, for its stamp.
    private var folders: [String] = []
    /// Whether its stamp showed it level with the output, so it was not compared file by file.
    private(set) var stamped = false

    private init(path: String, output: String, jobs: Int?) {
        self.path = path
        self.output = output
        self.jobs = jobs
    }

    /// The staging folder's path for an output folder (its real path, links resolved).
    static func path(for output: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + suffix).path
    }

    /// Deletes the staging folder of `output`, never through a link; its path when there was one.
    static func remove(forOutput output: URL) -> String? {
        let path = path(for: output.resolvingSymlinksInPath().path)
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        let url = URL(fileURLWithPath: path)
        let parent = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else { return nil }
        defer { close(parent) }
        return FolderMirror.remove(url.lastPathComponent, in: parent, isFolder: true) ? path : nil
    }

    /// The staging folder for `output` (a real path), holding the same files as the output; nil
    /// when the site cannot be built beside it — a parent that cannot be written, an output that
    /// is a mount point, a file system that cannot swap folders, a file that cannot be linked —
    /// and must be written in place.
    static func prepare(output: String, jobs: Int?) -> StagingFolder? {
        guard output != "/", let swap = FolderExchange.function else { return nil }
        let path = path(for: output)
        var outputInfo = stat()
        var parentInfo = stat()
        let parent = URL(fileURLWithPath: output).deletingLastPathComponent().path
        // A mount point cannot be renamed (a bind mount may even share its parent's device).
        guard lstat(output, &outputInfo) == 0, stat(parent, &parentInfo) == 0, outputInfo.st_dev == parentInfo.st_dev,
            !MountTable.current().contains(output)
        else { return nil }
        var info = stat()
        if lstat(path, &info) != 0 {
            guard mkdir(path, 0o700) == 0, FolderExchange.works(in: path, swap) else {
                rmdir(path)
                return nil
            }
        } else if info.st_mode & S_IFMT != S_IFDIR {
            return nil  // a file or a link of someone else's stands at its name: leave it alone
        }
        // Its mode becomes the output's when the two are swapped.
        chmod(path, outputInfo.st_mode & 0o7777)
        let staging = StagingFolder(path: path, output: output, jobs: jobs)
        // Checked, then deleted (which changes the staging folder's time) before anything in the
        // folder changes: a build killed from here on leaves no stamp, and the next one lists both.
        let stamp = FileManager.default.contents(atPath: path + "/" + LevelStamp.file).flatMap { LevelStamp(Array($0)) }
        let holds = stamp?.holds(output: output, staging: path) == true
        unlink(path + "/" + LevelStamp.file)
        rmdir(path + "/" + LevelStamp.folder)
        if let stamp, holds {
            staging.folders = stamp.folders.map(\.path)
            staging.stamped = true
            return staging
        }
        return staging.level() ? staging : nil
    }

    /// Swaps the staging folder and the output folder.
    func exchange() throws {
        guard let swap = FolderExchange.function, swap(AT_FDCWD, path, AT_FDCWD, output, FolderExchange.flag) == 0
        else {
            throw SiteWriter.WriteError(
                description: "cannot put the new site in place of \(output): \(String(cString: strerror(errno)))")
        }
    }

    /// After the swap, makes the staging folder (the previous site) hold what the new site holds,
    /// from the files the build put in place or deleted (`paths`) and the folders it made, and
    /// stamps it (`LevelStamp`), so the next build need not list both folders.
    func settle(changed paths: Set<String>, madeFolders: [String]) {
        // The previous site was nothing, an empty folder (a first build): it goes, and a next
        // build makes its staging folder afresh. Bringing it level would link every file of the
        // site for a next build that a one-off build (a CI job, a deploy) never has.
        if rmdir(path) == 0 { return }
        if catchUp(paths) {
            folders += madeFolders
        } else if !level() {
            return
        }
        // The stamp's folder first: making it changes the staging folder's time.
        guard mkdir(path + "/" + LevelStamp.folder, 0o700) == 0,
            let stamp = LevelStamp.take(output: output, staging: path, folders: folders)
        else { return }
        folders = stamp.folders.map(\.path)
        try? Data(stamp.encoded).write(to: URL(fileURLWithPath: path + "/" + LevelStamp.file), options: .atomic)
    }

    /// After the swap, makes the staging folder (the previous site) hold what the output holds,
    /// given the files that differ: `paths` (of the output) put in place or deleted by the build.
    /// False when it cannot (a folder where the previous site had a link): `level()` then does.
    private func catchUp(_ paths: Set<String>) -> Bool {
        guard let site = try? OutputTree(output), let previous = try? OutputTree(path) else { return false }
        let byFolder = Dictionary(grouping: paths) { path in path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "" }
        // Each folder on its own, the folders the site still has on every core (a fresh site is a
        // link per page); those it no longer has after, one by one, as emptying one may empty its parent.
        let kept = byFolder.filter { site.hasFolder($0.key) }
        let caughtUp = Parallel.map(Array(kept), jobs: jobs) { folder, files in
            Self.catchUp(folder, files, from: site, in: previous)
        }
        guard caughtUp.allSatisfy({ $0 }) else { return false }
        for (folder, files) in byFolder where kept[folder] == nil {
            guard Self.catchUp(folder, files, from: site, in: previous) else { return false }
        }
        return true
    }

    /// `catchUp` for one folder's files.
    private static func catchUp(_ folder: String, _ files: [String], from site: OutputTree, in previous: OutputTree)
        -> Bool
    {
        var source: Int32 = -1
        if case .success(let opened) = site.openFolder(folder, create: false) { source = opened }
        defer { if source >= 0 { close(source) } }
        // A folder the site no longer has: its files go from the previous site, then the folder.
        guard case .success(let target) = previous.openFolder(folder, create: source >= 0) else {
            return source < 0
        }
        defer { close(target) }
        for file in files {
            let name = String(file[(file.lastIndex(of: "/").map { file.index(after: $0) } ?? file.startIndex)...])
            unlinkat(target, name, 0)
            if source >= 0, linkat(source, name, target, name, 0) != 0, errno != ENOENT { return false }
        }
        if source < 0 { previous.removeEmptyFolders(folder) }
        return true
    }

    /// Makes the staging folder hold what the output holds; false when a file cannot be linked.
    @discardableResult
    func level() -> Bool {
        let from = open(output, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let to = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        defer {
            if from >= 0 { close(from) }
            if to >= 0 { close(to) }
        }
        guard from >= 0, to >= 0, let mirrored = FolderMirror(jobs: jobs).mirror(from, to) else { return false }
        folders = mirrored
        return true
    }
}

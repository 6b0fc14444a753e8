import Foundation

/// The one place that writes the site. It writes only inside its output folder, never through a
/// symbolic link there (`OutputTree`), only files whose bytes changed (creating a file is slow on
/// many disks), and it deletes only files it wrote itself in an earlier build (listed in its
/// manifest), never a user's own files. Nor does it replace a file of the user's where a page goes
/// (`ForeignFiles`): such a build stops before anything is put in place, unless forced.
///
/// A build that is killed must leave the previous site or the new one, whole, never a mix that
/// links to missing pages. So the site is built in a `StagingFolder` beside the output that holds
/// the output's files as hard links; every changed file is written there under a hidden temporary
/// name and renamed over its link (a new file is written at its own name), stale files are deleted
/// there, and `finish()` swaps the two
/// folders in one step. Where no staging folder can be made (see `StagingFolder.prepare`), the
/// files are renamed into the output itself, new files first, so that no page links to a page not
/// yet there.
public final class SiteWriter: @unchecked Sendable {
    public let root: URL
    /// The output folder's real path, for messages and the swap.
    private let rootPath: String
    /// Where the files are written: the staging folder, or the output itself.
    private let writePath: String
    private let staging: StagingFolder?
    private let tree: OutputTree
    /// The files the last build wrote, from its manifest; nil when there is none.
    private let previous: [String]?
    private let foreign: ForeignFiles
    private let lock = NSLock()
    /// Folders walked (and made) this build: none of them is a link.
    private var knownFolders: Set<String> = [""]
    /// Folders this build made, to take away again if it is refused.
    private var madeFolders: [String] = []
    private var written: Set<String> = []
    /// The files put in place or deleted since the last swap: after it, the staging folder differs
    /// from the site in these alone.
    private var changed: Set<String> = []
    /// Files written under temporary names, waiting for `finish()`: (temporary, final path in the
    /// output, is new).
    private var staged: [(temporary: String, path: String, isNew: Bool)] = []
    /// New files written at their own names in the staging folder, waiting for `finish()`.
    private var placed: Set<String> = []
    static let temporaryPrefix = ".trellis-tmp-"
    public private(set) var created = 0
    public private(set) var updated = 0
    public private(set) var unchanged = 0

    public static let manifestName = ".trellis-manifest"

    /// At most this many threads put staged files in place (default: all cores).
    let jobs: Int?

    /// `force`: replace files in the output that trellis did not write, instead of refusing them.
    public init(root: URL, jobs: Int? = nil, force: Bool = false) throws {
        self.jobs = jobs
        self.root = root.standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: self.root, withIntermediateDirectories: true)
        } catch {
            throw WriteError(
                description: "cannot make the output folder \(self.root.path): \(SiteWriter.reason(error))")
        }
        self.rootPath = self.root.resolvingSymlinksInPath().path
        self.staging = StagingFolder.prepare(output: rootPath, jobs: jobs)
        self.writePath = staging?.path ?? rootPath
        self.tree = try OutputTree(writePath)
        self.previous = SiteWriter.manifest(in: tree)
        self.foreign = ForeignFiles(listed: previous, force: force)
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The system's words for why a file operation failed ("Permission denied"), not Foundation's
    /// whole error domain, code and user info.
    static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return error.localizedDescription
    }

    /// Writes `bytes` at `path` (relative to the output folder) unless the file already holds them.
    public func write(_ path: String, _ bytes: [UInt8]) throws {
        guard OutputTree.isPlain(path) else {
            throw WriteError(description: "refusing to write \(path): outside the output folder")
        }
        guard fits(path) else { return }  // left out, and told by the build (`unwritable`)
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        guard try ensureFolder(folder) else { return }
        let outcome: Outcome
        let existing = tree.entry(path)
        // Nothing in the staging folder is seen before the swap, and what a killed build left there
        // is deleted when it is next brought level: a new file is made at its own name. The first
        // write of a path claims it; a later one (a page written twice) is renamed over it.
        lock.lock()
        let claimed = staging != nil && existing == .missing && placed.insert(path).inserted
        let placedHere = !claimed && placed.contains(path)
        lock.unlock()
        if claimed {
            guard SiteWriter.create(writePath + "/" + path, bytes) else {
                throw WriteError(description: "cannot write \(rootPath)/\(path): \(String(cString: strerror(errno)))")
            }
            outcome = .created
        } else if case .file(let old) = existing, old == bytes {
            outcome = .unchanged
        } else if existing == .folder {
            throw WriteError(description: "cannot write \(rootPath)/\(path): a folder of that name is in the way")
        } else if existing != .missing, !placedHere, !foreign.mayReplace(path, existing) {
            return  // the build will be refused: see `commit()`
        } else {
            // `O_EXCL` creates the file, never a link's target; `rename` then replaces whatever
            // stands at `path`, a link included, and never writes through it.
            let temporary =
                writePath + "/" + (folder.isEmpty ? "" : folder + "/") + SiteWriter.temporaryPrefix + UUID().uuidString
            guard SiteWriter.create(temporary, bytes) else {
                throw WriteError(description: "cannot write \(rootPath)/\(path): \(String(cString: strerror(errno)))")
            }
            let isNew = existing == .missing || placedHere
            outcome = isNew ? .created : .updated
            lock.lock()
            staged.append((temporary, path, isNew))
            lock.unlock()
        }
        lock.lock()
        written.insert(path)
        switch outcome {
        case .unchanged: unchanged += 1
        case .updated: updated += 1
        case .created: created += 1
        }
        lock.unlock()
    }

    public func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }

    /// Whether a file can be written at `path`: its path, with the output's (or the staging
    /// folder's, the longer) before it, is shorter than the longest the system takes (4,095 bytes).
    func fits(_ path: String) -> Bool {
        max(writePath.utf8.count, rootPath.utf8.count) + 1 + path.utf8.count < PATH_MAX
    }

    /// An error for each page and file of the site that cannot be written because its path is too
    /// long (`fits`), by vault path. `write` leaves them out, and the rest of the site is built.
    /// Made from the whole site map on every build, so a build after an edit tells them as well.
    public func unwritable(_ siteMap: SiteMap) -> [Diagnostic] {
        var found: [(file: String, page: String)] = []
        for (path, page) in siteMap.pages where !fits(page.string) { found.append((path.string, page.string)) }
        for (path, file) in siteMap.files where !fits(file.string) { found.append((path.string, file.string)) }
        for (folder, page) in siteMap.folders where !fits(page.string) { found.append((folder + "/", page.string)) }
        return found.sorted { $0.file < $1.file }.map { file, page in
            Diagnostic(
                file: file, severity: .error, code: .unreadable,
                message:
                    "not written: its page's path, \(rootPath)/\(page.prefix(40))…, is longer than the system allows (\(PATH_MAX - 1) bytes); shorten its name or its folders' names, or the output folder's path"
            )
        }
    }

    /// A new file with these bytes (no attribute calls: creating files is slow enough on many disks).
    private static func create(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard let file = OutputFile(path: path, exclusive: true) else { return false }
        let complete = file.write(bytes)
        let closed = file.close()
        if !complete || !closed { unlink(path) }
        return complete && closed
    }

    /// Keeps a file an earlier build wrote, unchanged and unread: an incremental build did not
    /// need to render it again.
    public func retain(_ path: String) {
        lock.lock()
        written.insert(path)
        unchanged += 1
        lock.unlock()
    }

    private enum Outcome { case created, updated, unchanged }

    /// Whether every file the last build in `root` wrote is still there (someone may have
    /// deleted one by hand): a build that would keep them unread must know.
    public static func isComplete(_ root: URL) -> Bool {
        guard let tree = try? OutputTree(root.standardizedFileURL.path), let files = manifest(in: tree) else {
            return false
        }
        // Each folder listed once: a system call, where a `stat` per file would be ten thousand
        // for a site of ten thousand pages.
        // The manifest is sorted, so a folder's files mostly come together: the last folder's
        // listing is at hand, the others are looked up.
        var listings: [Substring: Set<String>] = [:]
        var current: (folder: Substring, names: Set<String>)?
        for file in files {
            let slash = file.utf8.lastIndex(of: 0x2F)
            let folder = slash.map { file[..<$0] } ?? ""
            if current?.folder != folder {
                if listings[folder] == nil {
                    guard let names = tree.listing(String(folder)) else { return false }
                    listings[folder] = names
                }
                current = (folder, listings[folder]!)
            }
            let name = slash.map { String(file[file.utf8.index(after: $0)...]) } ?? file
            guard current!.names.contains(name) else { return false }
        }
        return true
    }

    /// The files the last build in the output wrote, from its manifest (a link there is no
    /// manifest).
    private static func manifest(in tree: OutputTree) -> [String]? {
        guard case .file(let bytes) = tree.entry(manifestName) else { return nil }
        return ManifestFile.decode(Array(bytes))
    }

    /// Makes a folder for pages, walking it name by name. A link or a file where a folder of it
    /// goes is replaced by a folder when the build may replace it; else the folder is not made
    /// (false) and the build will be refused.
    private func ensureFolder(_ folder: String) throws -> Bool {
        lock.lock()
        let known = knownFolders.contains(folder)
        lock.unlock()
        guard !known else { return true }
        let made: (String) -> Void = { path in
            self.lock.lock()
            self.madeFolders.append(path)
            self.lock.unlock()
        }
        // Each replacement makes one more name of the folder a real folder.
        for _ in 0...folder.split(separator: "/").count {
            switch tree.openFolder(folder, create: true, made: made) {
            case .success(let descriptor):
                close(descriptor)
                remember(folder)
                return true
            case .failure(let blocked) where blocked.entry == .missing || blocked.entry == .folder:
                throw WriteError(
                    description:
                        "cannot make or open the folder \(rootPath)/\(blocked.prefix): \(String(cString: strerror(blocked.code)))"
                )
            case .failure(let blocked):
                guard foreign.mayReplace(blocked.prefix, blocked.entry) else { return false }
                guard tree.makeRoomForFolder(blocked.prefix) else {
                    throw WriteError(
                        description:
                            "cannot replace \(rootPath)/\(blocked.prefix) by a folder: \(String(cString: strerror(errno)))"
                    )
                }
            }
        }
        throw WriteError(description: "cannot make the folder \(rootPath)/\(folder)")
    }

    /// A folder walked, with the folders above it.
    private func remember(_ folder: String) {
        lock.lock()
        var path = folder[...]
        while !path.isEmpty {
            knownFolders.insert(String(path))
            path = path.lastIndex(of: "/").map { path[..<$0] } ?? ""
        }
        lock.unlock()
    }

    /// Deletes what an earlier build wrote and this one did not, records this build's files, and
    /// puts the new site in place. Returns how many stale files were removed.
    @discardableResult
    public func finish() throws -> Int {
        try putInPlace()
        removeTemporaryFiles()
        var removed = 0
        if let previous {
            // An entry with `..`, an absolute path or one through a link is never deleted.
            for path in previous where !written.contains(path) {
                if tree.remove(path) {
                    removed += 1
                    changed.insert(path)
                }
            }
        }
        // The same files as last time (an edit): the manifest stays as it is.
        if removed > 0 || previous == nil || previous!.count != written.count || !previous!.allSatisfy(written.contains)
        {
            try writeManifest(written.sorted())
        }
        try publish()
        return removed
    }

    /// Replaces the manifest, atomically (a link there is replaced, not followed).
    private func writeManifest(_ files: [String]) throws {
        try Data(ManifestFile.encode(files)).write(
            to: URL(fileURLWithPath: writePath + "/" + SiteWriter.manifestName), options: .atomic)
        changed.insert(SiteWriter.manifestName)
    }

    /// Puts the files written so far in place without touching the manifest but to add the files
    /// it did not list yet: for a partial update such as a refreshed search index.
    public func commit() throws {
        try putInPlace()
        try publish()
    }

    /// Swaps the staging folder in, when anything in it changed, and brings it level with the new
    /// site at once (see `StagingFolder`).
    private func publish() throws {
        guard let staging, !changed.isEmpty else { return }
        try staging.exchange()
        staging.settle(changed: changed, madeFolders: madeFolders)
        changed = []
    }

    /// Renames the staged files into place — new files first, then changed ones. A build that
    /// would replace files of the user's stops here, before anything is put in place, taking away
    /// its temporary files and the folders it made.
    private func putInPlace() throws {
        if let refusal = foreign.refusal(in: rootPath) {
            staged.removeAll()
            removeTemporaryFiles()
            for path in placed { unlink(writePath + "/" + path) }
            placed.removeAll()
            for folder in madeFolders.sorted(by: { $0.count > $1.count }) { tree.removeFolder(folder) }
            throw refusal
        }
        // The manifest lists a file before it appears: a build killed between the renames and
        // the new manifest must not leave files of its own that the next build takes for yours.
        if !foreign.recording(staged.map(\.path) + placed.sorted()).isEmpty { try writeManifest(foreign.allListed) }
        // Renames of one group run in parallel: a fresh 10,000-page site is 10,000 renames.
        for isNew in [true, false] {
            let group = staged.filter { $0.isNew == isNew }
            let failures = Parallel.map(group, jobs: jobs) { file -> String? in
                if rename(file.temporary, self.writePath + "/" + file.path) == 0 { return nil }
                return "cannot write \(self.rootPath)/\(file.path): \(String(cString: strerror(errno)))"
            }
            if let failure = failures.compactMap({ $0 }).first { throw WriteError(description: failure) }
        }
        changed.formUnion(staged.map(\.path))
        changed.formUnion(placed)
        staged.removeAll()
        placed.removeAll()
    }

    /// Temporary files a killed build left behind.
    private func removeTemporaryFiles() {
        for folder in knownFolders {
            let path = folder.isEmpty ? writePath : writePath + "/" + folder
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { continue }
            for name in names where name.hasPrefix(SiteWriter.temporaryPrefix) { unlink(path + "/" + name) }
        }
    }
}

/// A file written with `write(2)`, whole buffers at a time: the site's pages and the build cache.
final class OutputFile {
    private let descriptor: Int32

    /// `exclusive`: fail if the file exists (a staged page); else replace its contents.
    init?(path: String, exclusive: Bool = false) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC), 0o644)
        if descriptor < 0 { return nil }
    }

    /// An existing file, written at its end.
    init?(appendingTo path: String) {
        descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        if descriptor < 0 { return nil }
    }

    func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return false }
                done += count
            }
            return true
        }
    }

    /// Appends bytes `range` of another open file, copied by the kernel (`sendfile`).
    func copy(from source: Int32, _ range: Range<Int>) -> Bool {
        var offset = off_t(range.lowerBound)
        var left = range.count
        while left > 0 {
            let count = sendfile(descriptor, source, &offset, left)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return false }
            left -= count
        }
        return true
    }

    func close() -> Bool { Glibc.close(descriptor) == 0 }
}

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Lists a vault's files: every `*.md` file is a note, every other file an attachment.
///
/// Hidden files and folders (`.obsidian`, `.git`, `.trash`, `.DS_Store`) are skipped. Symbolic links
/// are followed only while they stay inside the vault, and each folder is entered once, so a link
/// loop or a link pointing out of the vault can neither hang the scan nor leak outside files.
public struct VaultScanner: Sendable {
    /// Paths the user asked to leave out (config `ignore`), tested on vault-relative paths.
    public var isIgnored: @Sendable (String) -> Bool
    /// At most this many threads walk the vault's top-level folders (default: all cores).
    public var jobs: Int?

    public init(isIgnored: @escaping @Sendable (String) -> Bool = { _ in false }, jobs: Int? = nil) {
        self.isIgnored = isIgnored
        self.jobs = jobs
    }

    public enum ScanError: Error, CustomStringConvertible {
        case notAFolder(String)

        public var description: String {
            switch self {
            case .notAFolder(let path): "the vault \(path) is not a folder that can be read"
            }
        }
    }

    /// The vault's top level is read on this thread and each folder in it walked on any core,
    /// recording what it found; then the records are replayed in order (`Replay`), so the vault is
    /// the one a single walk finds, links and twins included.
    public func scan(_ folder: URL) throws -> Vault {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        var info = stat()
        guard stat(root.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw ScanError.notAFolder(folder.path)
        }
        let rootIdentity = FileIdentity(info)
        var top = Walk(rootPath: root.path, isIgnored: isIgnored, defersFolders: Parallel.workers(jobs) > 1)
        top.visit(absolute: root.path, relative: "", identity: rootIdentity)
        let below = Parallel.map(top.deferred, jobs: jobs) { [isIgnored] folder in
            var walk = Walk(rootPath: root.path, isIgnored: isIgnored, defersFolders: false)
            walk.visited = [rootIdentity]
            walk.visit(absolute: folder.absolute, relative: folder.relative, identity: folder.identity)
            return (events: walk.events, linked: walk.linked)
        }
        var replay = Replay(events: below.reduce(top.events.count) { $0 + $1.events.count })
        replay.run(top.events, deferred: below.map(\.events))
        // Folders reached through a link last, once every folder is walked by its own path: a
        // link to a folder of the vault is a second way in, never the one that names its notes.
        var linked = top.linked + below.flatMap(\.linked)
        var next = 0
        while next < linked.count {
            let folder = linked[next]
            next += 1
            guard !replay.hasEntered(folder.identity) else { continue }
            var walk = Walk(rootPath: root.path, isIgnored: isIgnored, defersFolders: false)
            walk.visited = [rootIdentity]
            walk.visit(absolute: folder.absolute, relative: folder.relative, identity: folder.identity)
            replay.run(walk.events, deferred: [])
            linked += walk.linked
        }
        return Vault(
            root: root,
            notes: replay.notes.sorted(),
            attachments: replay.attachments.sorted(),
            diagnostics: replay.diagnostics
        )
    }
}

private struct FileIdentity: Hashable, Sendable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// What a walk found, in the order it found it.
private enum WalkEvent: Sendable {
    /// A folder entered (first seen by this walk), up to its `leave`.
    case enter(FileIdentity)
    case leave
    case file(VaultPath, isNote: Bool)
    case diagnostic(Diagnostic)
    /// A top-level folder walked on its own (`Walk.deferred`), whose events go here.
    case deferred(Int)
}

/// One thread's walk through folders, recording what it finds rather than deciding it: a folder
/// that another walk entered first, or a file whose name another file already has, is the
/// replay's to leave out.
private struct Walk {
    let rootPath: String
    let isIgnored: (String) -> Bool
    /// Folders met are listed in `deferred`, to be walked apart, instead of entered.
    let defersFolders: Bool
    var events: [WalkEvent] = []
    var deferred: [(absolute: String, relative: String, identity: FileIdentity)] = []
    /// Folders behind symbolic links, walked after all others (`VaultScanner.scan`).
    var linked: [(absolute: String, relative: String, identity: FileIdentity)] = []
    var visited: Set<FileIdentity> = []

    init(rootPath: String, isIgnored: @escaping (String) -> Bool, defersFolders: Bool) {
        self.rootPath = rootPath
        self.isIgnored = isIgnored
        self.defersFolders = defersFolders
    }

    mutating func visit(absolute: String, relative: String, identity: FileIdentity) {
        guard visited.insert(identity).inserted else { return }  // a link loop, or a second way in
        events.append(.enter(identity))
        defer { events.append(.leave) }
        guard let directory = opendir(absolute) else {
            events.append(
                .diagnostic(
                    Diagnostic(
                        file: relative.isEmpty ? nil : relative, severity: .error, code: .unreadable,
                        message: "cannot read folder: \(String(cString: strerror(errno)))")))
            return
        }
        defer { closedir(directory) }
        var entries: [(name: String, type: UInt8)] = []
        while let entry = readdir(directory) {
            let (name, bytes) = withUnsafeBytes(of: entry.pointee.d_name) { raw -> (String?, [UInt8]) in
                if raw.first == UInt8(ascii: ".") { return ("", []) }  // hidden, and `.`/`..`
                let name = String(validatingCString: raw.bindMemory(to: CChar.self).baseAddress!)
                return (name, name == nil ? Array(raw.prefix { $0 != 0 }) : [])
            }
            // A name that is not UTF-8 cannot be a note's name, a link's target or a page's: said,
            // and left out (read through a name made valid, it would be a file that is not there).
            guard let name else {
                let shown = Walk.escaped(bytes)
                events.append(
                    .diagnostic(
                        Diagnostic(
                            file: relative.isEmpty ? shown : relative + "/" + shown, severity: .error,
                            code: .unreadable, message: "the name is not valid UTF-8; left out. Rename it")))
                continue
            }
            if name.isEmpty { continue }
            entries.append((name, entry.pointee.d_type))
        }
        // Names that differ only in Unicode normalisation compare equal: their bytes break the
        // tie, so which twin comes first is the same on every run.
        let ordered = entries.sorted {
            $0.name == $1.name ? Array($0.name.utf8).lexicographicallyPrecedes($1.name.utf8) : $0.name < $1.name
        }
        for (name, type) in ordered {
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            if isIgnored(childRelative) { continue }
            visitEntry(absolute: absolute + "/" + name, relative: childRelative, type: type)
        }
    }

    private mutating func visitEntry(absolute: String, relative: String, type: UInt8) {
        var info = stat()
        let isLink = type == UInt8(DT_LNK)
        if isLink || type == UInt8(DT_UNKNOWN) {
            guard stat(absolute, &info) == 0 else {
                // A dangling link (or a loop of links) has nothing to read; anything else is told,
                // and so is a note's name that leads nowhere: its links would dangle unexplained.
                if errno != ENOENT && errno != ELOOP {
                    events.append(.diagnostic(unreadable(relative, "file")))
                } else if VaultPath(relative).isNote {
                    events.append(.diagnostic(leftOut(relative, "a symbolic link that leads nowhere")))
                }
                return
            }
            if isLink && !pointsInsideVault(absolute) {
                events.append(
                    .diagnostic(
                        Diagnostic(
                            file: relative, severity: .warning, code: .unreadable,
                            message: "symbolic link points outside the vault; not followed")))
                return
            }
        } else if type == UInt8(DT_DIR) {
            // A folder nested past the longest path the system takes (4,096 bytes) cannot be
            // read: said, not skipped in silence.
            guard stat(absolute, &info) == 0 else {
                events.append(.diagnostic(unreadable(relative, "folder")))
                return
            }
        }
        let isFolder =
            (type == UInt8(DT_DIR)) || ((isLink || type == UInt8(DT_UNKNOWN)) && (info.st_mode & S_IFMT) == S_IFDIR)
        if isFolder {
            if isLink {
                linked.append((absolute, relative, FileIdentity(info)))
            } else if defersFolders {
                events.append(.deferred(deferred.count))
                deferred.append((absolute, relative, FileIdentity(info)))
            } else {
                visit(absolute: absolute, relative: relative, identity: FileIdentity(info))
            }
            return
        }
        // Sockets, named pipes, devices: nothing to read. Said of a note's name.
        let special =
            (isLink || type == UInt8(DT_UNKNOWN))
            ? (info.st_mode & S_IFMT) != S_IFREG : type != UInt8(DT_REG) && !isLink
        if special {
            if VaultPath(relative).isNote { events.append(.diagnostic(leftOut(relative, "not a regular file"))) }
            return
        }
        let path = VaultPath(relative)
        events.append(.file(path, isNote: path.isNote))
    }

    /// A name's bytes with each that is not printable ASCII as `\xFF`.
    static func escaped(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            guard byte < 0x20 || byte >= 0x7F else { return String(UnicodeScalar(byte)) }
            return "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }.joined()
    }

    /// A warning for a note's name that holds nothing to read.
    private func leftOut(_ relative: String, _ what: String) -> Diagnostic {
        Diagnostic(file: relative, severity: .warning, code: .unreadable, message: "\(what); left out")
    }

    /// `cannot read folder: File name too long`, with the `errno` of the call that failed.
    private func unreadable(_ relative: String, _ what: String) -> Diagnostic {
        Diagnostic(
            file: relative, severity: .error, code: .unreadable,
            message: "cannot read \(what): \(String(cString: strerror(errno)))")
    }

    private func pointsInsideVault(_ absolute: String) -> Bool {
        guard let resolved = realpath(absolute, nil) else { return false }
        defer { free(resolved) }
        let target = String(cString: resolved)
        return target == rootPath || target.hasPrefix(rootPath.hasSuffix("/") ? rootPath : rootPath + "/")
    }
}

/// The walks' events, in the order one walk through the whole vault would have met them: a
/// folder entered before (through a link, by an earlier walk) is skipped with all it holds, as
/// that walk would have, and of two files whose names differ only in Unicode normalisation the
/// first is kept.
private struct Replay {
    var notes: [VaultPath] = []
    var attachments: [VaultPath] = []
    var diagnostics: [Diagnostic] = []
    private var visited: Set<FileIdentity> = []
    /// Every file kept so far. `VaultPath`s compare as Swift strings do, so two names that differ
    /// only in Unicode normalisation are one key: the second file found is left out.
    private var claimed: Set<VaultPath> = []

    /// `events`: how many there are in all, more than the files among them.
    init(events: Int) {
        claimed.reserveCapacity(events)
        notes.reserveCapacity(events)
    }

    func hasEntered(_ folder: FileIdentity) -> Bool { visited.contains(folder) }

    mutating func run(_ events: [WalkEvent], deferred: [[WalkEvent]]) {
        var skipped = 0  // how deep inside a folder being skipped
        for event in events {
            if skipped > 0 {
                if case .enter = event { skipped += 1 } else if case .leave = event { skipped -= 1 }
                continue
            }
            switch event {
            case .enter(let identity): if !visited.insert(identity).inserted { skipped = 1 }
            case .leave: break
            case .file(let path, let isNote): claim(path, isNote: isNote)
            case .diagnostic(let diagnostic): diagnostics.append(diagnostic)
            case .deferred(let index): run(deferred[index], deferred: [])
            }
        }
    }

    private mutating func claim(_ path: VaultPath, isNote: Bool) {
        let (inserted, twin) = claimed.insert(path)
        guard inserted else {
            diagnostics.append(
                Diagnostic(
                    file: path.string, severity: .warning, code: .outputCollision,
                    message:
                        "`\(path.string)` and `\(twin.string)` differ only in Unicode normalisation (NFC and NFD), so links and the site cannot tell them apart; `\(path.string)` is left out. Rename one of them"
                ))
            return
        }
        if isNote { notes.append(path) } else { attachments.append(path) }
    }
}

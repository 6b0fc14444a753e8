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

    public init(isIgnored: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.isIgnored = isIgnored
    }

    public enum ScanError: Error, CustomStringConvertible {
        case notAFolder(String)

        public var description: String {
            switch self {
            case .notAFolder(let path): "the vault \(path) is not a folder that can be read"
            }
        }
    }

    public func scan(_ folder: URL) throws -> Vault {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        var info = stat()
        guard stat(root.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw ScanError.notAFolder(folder.path)
        }
        var walk = Walk(rootPath: root.path, isIgnored: isIgnored)
        walk.visit(absolute: root.path, relative: "", identity: FileIdentity(info))
        return Vault(
            root: root,
            notes: walk.notes.sorted(),
            attachments: walk.attachments.sorted(),
            diagnostics: walk.diagnostics
        )
    }
}

private struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

private struct Walk {
    let rootPath: String
    let isIgnored: (String) -> Bool
    var notes: [VaultPath] = []
    var attachments: [VaultPath] = []
    var diagnostics: [Diagnostic] = []
    var visited: Set<FileIdentity> = []
    /// Every file kept so far. `VaultPath`s compare as Swift strings do, so two names that differ
    /// only in Unicode normalisation are one key: the second file found is left out.
    var claimed: [VaultPath: VaultPath] = [:]

    init(rootPath: String, isIgnored: @escaping (String) -> Bool) {
        self.rootPath = rootPath
        self.isIgnored = isIgnored
    }

    mutating func visit(absolute: String, relative: String, identity: FileIdentity) {
        guard visited.insert(identity).inserted else { return }  // a link loop, or a second way in
        guard let directory = opendir(absolute) else {
            diagnostics.append(
                Diagnostic(
                    file: relative.isEmpty ? nil : relative, severity: .error, code: .unreadable,
                    message: "cannot read folder: \(String(cString: strerror(errno)))"))
            return
        }
        defer { closedir(directory) }
        var entries: [(name: String, type: UInt8)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasPrefix(".") { continue }  // hidden, and `.`/`..`
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
            guard stat(absolute, &info) == 0 else { return }  // dangling link: nothing to read
            if isLink && !pointsInsideVault(absolute) {
                diagnostics.append(
                    Diagnostic(
                        file: relative, severity: .warning, code: .unreadable,
                        message: "symbolic link points outside the vault; not followed"))
                return
            }
        } else if type == UInt8(DT_DIR) {
            guard stat(absolute, &info) == 0 else { return }
        }
        let isFolder =
            (type == UInt8(DT_DIR)) || ((isLink || type == UInt8(DT_UNKNOWN)) && (info.st_mode & S_IFMT) == S_IFDIR)
        if isFolder {
            visit(absolute: absolute, relative: relative, identity: FileIdentity(info))
            return
        }
        if (isLink || type == UInt8(DT_UNKNOWN)) && (info.st_mode & S_IFMT) != S_IFREG { return }
        if type != UInt8(DT_REG) && !isLink && type != UInt8(DT_UNKNOWN) { return }  // sockets, fifos
        let path = VaultPath(relative)
        if let twin = claimed[path] {
            diagnostics.append(
                Diagnostic(
                    file: relative, severity: .warning, code: .outputCollision,
                    message:
                        "`\(relative)` and `\(twin.string)` differ only in Unicode normalisation (NFC and NFD), so links and the site cannot tell them apart; `\(relative)` is left out. Rename one of them"
                ))
            return
        }
        claimed[path] = path
        if path.isNote { notes.append(path) } else { attachments.append(path) }
    }

    private func pointsInsideVault(_ absolute: String) -> Bool {
        guard let resolved = realpath(absolute, nil) else { return false }
        defer { free(resolved) }
        let target = String(cString: resolved)
        return target == rootPath || target.hasPrefix(rootPath.hasSuffix("/") ? rootPath : rootPath + "/")
    }
}

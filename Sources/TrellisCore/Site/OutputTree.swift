import Foundation

/// The folders and files inside the output folder, reached from the output's own descriptor one
/// name at a time and never through a symbolic link. A link inside the output — made by hand, or
/// by a checkout of a deployed site — must not carry a write or a delete outside it: with
/// `tags -> /some/dir` pages would land in /some/dir, and with `up -> ..` a manifest entry
/// `up/Keep.md` would delete a note of the vault.
///
/// Each folder is walked (`O_NOFOLLOW | O_DIRECTORY` at every name) before anything is written
/// in it or deleted from it; files are then opened with `O_NOFOLLOW` or `O_EXCL`, and `rename`
/// and `unlink` never follow a final link. The output folder itself may be a link: the user
/// chose it.
final class OutputTree: @unchecked Sendable {
    private let root: Int32

    init(_ path: String) throws {
        root = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if root < 0 {
            throw SiteWriter.WriteError(
                description: "cannot open the output folder \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(root) }

    /// What stands at a path of the output, the final name not followed.
    enum Entry: Equatable {
        case missing
        case file([UInt8])
        case folder
        case link
        /// A device, a socket, a pipe, or a file that cannot be read.
        case other

        /// What it is, for a message.
        var name: String {
            switch self {
            case .missing: "nothing"
            case .file: "a file"
            case .folder: "a folder"
            case .link: "a symbolic link"
            case .other: "a special or unreadable file"
            }
        }
    }

    /// The walk to a folder stopped at `prefix` (a path of the output), which is not a folder.
    struct Blocked: Error {
        var prefix: String
        var entry: Entry
        /// Why it could not be opened (`errno`).
        var code: Int32
    }

    /// A descriptor of `folder` (a path of the output, "" for its root) that the caller closes;
    /// with `create`, missing folders are made on the way, and `made` is told each one.
    func openFolder(_ folder: String, create: Bool, made: (String) -> Void = { _ in }) -> Result<Int32, Blocked> {
        var current = dup(root)
        var walked = ""
        for name in folder.split(separator: "/") {
            walked += (walked.isEmpty ? "" : "/") + name
            var code: Int32 = 0
            if create {
                if mkdirat(current, String(name), 0o755) == 0 { made(walked) } else if errno != EEXIST { code = errno }
            }
            let next = openat(current, String(name), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0 && code == 0 { code = errno }
            close(current)
            guard next >= 0 else { return .failure(Blocked(prefix: walked, entry: entry(walked), code: code)) }
            current = next
        }
        return .success(current)
    }

    /// Whether `folder` is a folder of the output, walked as `openFolder` walks it.
    func hasFolder(_ folder: String) -> Bool {
        guard case .success(let descriptor) = openFolder(folder, create: false) else { return false }
        close(descriptor)
        return true
    }

    /// What is at `path`: a file's bytes, or what else stands there. Its folder is one that
    /// `openFolder` walked.
    func entry(_ path: String) -> Entry {
        // O_NONBLOCK: opening a named pipe for reading would wait for a writer.
        let descriptor = openat(root, path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: return .missing
            case ELOOP: return .link
            default: return lstatEntry(path)
            }
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return NoteParser.readFile(descriptor: descriptor).map { .file($0.bytes) } ?? .other
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// What is at a path that cannot be opened (no permission, or a name below a file).
    private func lstatEntry(_ path: String) -> Entry {
        var info = stat()
        guard fstatat(root, path, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return errno == ENOENT ? .missing : .other }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return .link
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// Deletes the file or link (never what it points to) at `path`, where a folder is to go;
    /// true when it is gone or a folder stands there now (another thread made it). The folders
    /// above were walked.
    func makeRoomForFolder(_ path: String) -> Bool {
        unlinkat(root, path, 0) == 0 || errno == ENOENT || errno == EISDIR
    }

    /// Deletes the folder at `path` if it is empty. The folders above were walked.
    func removeFolder(_ path: String) { unlinkat(root, path, AT_REMOVEDIR) }

    /// Whether a path is one the output can hold: relative, with no `.`, `..` or empty names.
    static func isPlain(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.isEmpty
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains {
                $0.isEmpty || $0 == "." || $0 == ".."
            }
    }

    /// Deletes the file at `path`, never through a link, then the folders above it that are left
    /// empty. Returns whether the file was deleted.
    func remove(_ path: String) -> Bool {
        guard OutputTree.isPlain(path) else { return false }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard case .success(let descriptor) = openFolder(folder, create: false) else { return false }
        let removed = unlinkat(descriptor, name, 0) == 0
        close(descriptor)
        // The folders above were walked just now: none of them is a link. (Tried even when the
        // file was already gone: someone may have deleted it by hand.)
        removeEmptyFolders(folder)
        return removed
    }

    /// Deletes `folder` if it is empty, then each folder above it left empty. The folders were
    /// walked (`openFolder`): none of them is a link.
    func removeEmptyFolders(_ folder: String) {
        var parts = folder.split(separator: "/")
        while !parts.isEmpty, unlinkat(root, parts.joined(separator: "/"), AT_REMOVEDIR) == 0 { parts.removeLast() }
    }

    /// The names in `folder`; nil when it cannot be read or is reached through a link.
    func listing(_ folder: String) -> Set<String>? {
        guard case .success(let descriptor) = openFolder(folder, create: false) else { return nil }
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return nil
        }
        defer { closedir(directory) }
        var names: Set<String> = []
        while let entry = readdir(directory) {
            names.insert(
                withUnsafeBytes(of: entry.pointee.d_name) {
                    String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
                })
        }
        return names
    }
}

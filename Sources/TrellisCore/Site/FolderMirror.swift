import Foundation

/// Makes one folder hold what another holds, by hard links: a file (or symbolic link, or
/// anything not a folder) already linked to the same inode is kept, any other is replaced by a
/// link to the source's, folders are made and walked, and whatever the source lacks is deleted.
/// Links are never followed on either side. The work is a listing per folder and a system call
/// per difference, so two folders that differ by one page cost little more than their listings.
///
/// Temporary files of a killed build (`SiteWriter.temporaryPrefix`) are not carried over.
struct FolderMirror {
    var jobs: Int?

    /// A name in a folder: its inode and whether it is a folder.
    struct Item: Equatable {
        var inode: UInt64
        var isFolder: Bool
    }

    /// Mirrors the folder `from` into `to` (descriptors); returns the folders below them, or nil
    /// when something could not be linked, made or deleted.
    func mirror(_ from: Int32, _ to: Int32) -> [String]? {
        var folders: [String] = []
        var level = [""]
        while !level.isEmpty {
            // A level of the tree at a time, its folders on every core.
            let results = Parallel.map(level, jobs: jobs) { folder in mirrorFolder(folder, from, to) }
            guard results.allSatisfy({ $0 != nil }) else { return nil }
            level = results.flatMap { $0! }
            folders += level
        }
        return folders
    }

    /// Mirrors the files of one folder (a path below both roots, "" for the roots); returns its
    /// subfolders, to walk next, or nil on failure.
    private func mirrorFolder(_ folder: String, _ fromRoot: Int32, _ toRoot: Int32) -> [String]? {
        let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
        let from = folder.isEmpty ? dup(fromRoot) : openat(fromRoot, folder, flags)
        let to = folder.isEmpty ? dup(toRoot) : openat(toRoot, folder, flags)
        defer {
            if from >= 0 { close(from) }
            if to >= 0 { close(to) }
        }
        guard from >= 0, to >= 0, let source = FolderMirror.items(from), let target = FolderMirror.items(to) else {
            return nil
        }
        for (name, item) in target where source[name] != item || FolderMirror.isTemporary(name) {
            // A folder on both sides stays, to be walked; anything else that differs goes.
            if item.isFolder, source[name]?.isFolder == true, !FolderMirror.isTemporary(name) { continue }
            guard FolderMirror.remove(name, in: to, isFolder: item.isFolder) else { return nil }
        }
        var subfolders: [String] = []
        for (name, item) in source where !FolderMirror.isTemporary(name) {
            let path = folder.isEmpty ? name : folder + "/" + name
            if item.isFolder {
                if target[name]?.isFolder != true {
                    var info = stat()
                    let mode = fstatat(from, name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? info.st_mode & 0o7777 : 0o755
                    guard mkdirat(to, name, mode) == 0 else { return nil }
                }
                subfolders.append(path)
            } else if target[name] != item {
                guard linkat(from, name, to, name, 0) == 0 else { return nil }
            }
        }
        return subfolders
    }

    static func isTemporary(_ name: String) -> Bool { name.hasPrefix(SiteWriter.temporaryPrefix) }

    /// The names in an open folder (`.` and `..` left out); nil when it cannot be read.
    static func items(_ folder: Int32) -> [String: Item]? {
        guard let directory = fdopendir(dup(folder)) else { return nil }
        defer { closedir(directory) }
        var items: [String: Item] = [:]
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." { continue }
            var type = Int32(entry.pointee.d_type)
            if type == DT_UNKNOWN {  // some file systems do not say: ask
                var info = stat()
                guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
                type = info.st_mode & S_IFMT == S_IFDIR ? Int32(DT_DIR) : Int32(DT_REG)
            }
            items[name] = Item(inode: UInt64(entry.pointee.d_ino), isFolder: type == DT_DIR)
        }
        return items
    }

    /// Deletes a name in an open folder, a folder with all it holds, never through a link.
    static func remove(_ name: String, in folder: Int32, isFolder: Bool) -> Bool {
        guard isFolder else { return unlinkat(folder, name, 0) == 0 || errno == ENOENT }
        let inner = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard inner >= 0, let items = items(inner) else {
            if inner >= 0 { close(inner) }
            return false
        }
        let emptied = items.allSatisfy { remove($0.key, in: inner, isFolder: $0.value.isFolder) }
        close(inner)
        return emptied && unlinkat(folder, name, AT_REMOVEDIR) == 0
    }
}

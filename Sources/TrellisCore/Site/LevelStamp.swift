import Foundation

/// What says that a staging folder still holds what the output holds, without listing both: taken
/// when the staging folder was brought level, it names every folder of the output (the output
/// first) with its inode and modification time in the output and in the staging folder. A file
/// added, removed or renamed anywhere changes the time of the folder it is in, and a new folder
/// changes its parent's, so while every folder named is as stamped in both, nothing in either
/// changed — a file edited where it is stays shared by both. It is kept in a folder of its own in
/// the staging folder (`.trellis-level/stamp`), so that writing it changes no folder it names, and
/// a build deletes it before it changes the staging folder, so one killed leaves none.
struct LevelStamp: Equatable {
    static let folder = ".trellis-level"
    static let file = ".trellis-level/stamp"

    /// A folder's inode and modification time.
    struct Mark: Equatable {
        var inode: UInt64
        var seconds: Int
        var nanoseconds: Int
    }

    struct Folder: Equatable {
        var path: String
        var output: Mark
        var staging: Mark
    }

    var folders: [Folder]

    /// The stamp of the folders `paths` ("" for the roots) as they are now in `output` and
    /// `staging`; folders that are gone are left out; nil when a root cannot be read.
    static func take(output: String, staging: String, folders paths: [String]) -> LevelStamp? {
        var folders: [Folder] = []
        for path in [""] + Set(paths).filter({ !$0.isEmpty }).sorted() {
            guard let one = mark(path, in: output), let two = mark(path, in: staging) else {
                if path.isEmpty { return nil }
                continue
            }
            folders.append(Folder(path: path, output: one, staging: two))
        }
        return LevelStamp(folders: folders)
    }

    /// Whether the folders are as stamped in both.
    func holds(output: String, staging: String) -> Bool {
        !folders.isEmpty
            && folders.allSatisfy {
                LevelStamp.mark($0.path, in: output) == $0.output && LevelStamp.mark($0.path, in: staging) == $0.staging
            }
    }

    private static func mark(_ path: String, in root: String) -> Mark? {
        var info = stat()
        guard lstat(path.isEmpty ? root : root + "/" + path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            return nil
        }
        return Mark(
            inode: UInt64(info.st_ino), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
    }

    /// One folder a line: its two marks (inode, seconds, nanoseconds each) and its path,
    /// separated by spaces.
    var encoded: [UInt8] {
        Array(
            folders.map { folder in
                let (one, two) = (folder.output, folder.staging)
                return
                    "\(one.inode) \(one.seconds) \(one.nanoseconds) \(two.inode) \(two.seconds) \(two.nanoseconds) \(folder.path)\n"
            }.joined().utf8)
    }

    /// The stamp in `bytes`; nil when they are not one.
    init?(_ bytes: [UInt8]) {
        guard bytes.last == 0x0A else { return nil }
        var folders: [Folder] = []
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
            let parts = line.split(separator: 0x20, maxSplits: 6, omittingEmptySubsequences: false)
            guard parts.count == 7 else { return nil }
            let numbers = parts.prefix(6).compactMap { Int(String(decoding: $0, as: UTF8.self)) }
            guard numbers.count == 6, numbers.allSatisfy({ $0 >= 0 }) else { return nil }
            folders.append(
                Folder(
                    path: String(decoding: parts[6], as: UTF8.self),
                    output: Mark(inode: UInt64(numbers[0]), seconds: numbers[1], nanoseconds: numbers[2]),
                    staging: Mark(inode: UInt64(numbers[3]), seconds: numbers[4], nanoseconds: numbers[5])))
        }
        guard folders.first?.path == "" else { return nil }
        self.folders = folders
    }

    init(folders: [Folder]) {
        self.folders = folders
    }
}

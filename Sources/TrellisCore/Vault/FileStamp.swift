import Foundation

/// A file's size and modification time: a cheap test of whether it changed since the last build.
struct FileStamp: Equatable, Sendable {
    let size: Int64
    let modified: Int64

    var seconds: Double { Double(modified) / 1e9 }

    init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    init(atPath path: String) {
        var info = stat()
        if stat(path, &info) == 0 {
            self.init(info)
        } else {
            self.init(size: -1, modified: -1)
        }
    }

    init(_ info: stat) {
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }

    /// The time now, as a stamp's `modified` counts it (nanoseconds since 1970).
    static func clock() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// How long before a build took its stamps a file's time may say it was changed and yet be
    /// changed again with the same time: file systems stamp with a clock that moves in steps (4 ms
    /// on Linux here; a second or two on some), so an edit just after a build read a file can
    /// leave its size and time as they were. Such a file is read again (`IncrementalPlanner`).
    static let coarseness: Int64 = 2_000_000_000

    /// The stamps of these files of the vault, taken in parallel (a `stat` each).
    static func of(_ paths: [VaultPath], in vault: Vault, jobs: Int?) -> [VaultPath: FileStamp] {
        let stamps = Parallel.map(paths, jobs: jobs) { FileStamp(atPath: vault.filePath(of: $0)) }
        return Dictionary(uniqueKeysWithValues: zip(paths, stamps))
    }
}

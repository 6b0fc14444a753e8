import Foundation

enum TrellisVersion {
    static let current = "0.1.0"

    /// Names this very binary, for the build cache: the version, and the executable's size and
    /// time, so a rebuilt `trellis` (whose parser may have changed) never reads an older cache.
    static var cacheKey: String {
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath()
        var info = stat()
        guard stat(executable.path, &info) == 0 else { return current }
        return "\(current) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}

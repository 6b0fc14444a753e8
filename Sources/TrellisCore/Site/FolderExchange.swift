import Foundation

/// `renameat2` with `RENAME_EXCHANGE`: Glibc has it (since 2.28), but Swift's Glibc module does
/// not declare it, so it is looked up by name.
enum FolderExchange {
    typealias Function = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    static let flag: UInt32 = 1 << 1  // RENAME_EXCHANGE

    static let function: Function? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2").map {
        unsafeBitCast($0, to: Function.self)
    }

    /// Whether the file system of `folder` swaps folders (NFS and FAT, for two, do not).
    static func works(in folder: String, _ swap: Function) -> Bool {
        let (one, two) = (folder + "/.trellis-probe-1", folder + "/.trellis-probe-2")
        defer {
            rmdir(one)
            rmdir(two)
        }
        return mkdir(one, 0o700) == 0 && mkdir(two, 0o700) == 0 && swap(AT_FDCWD, one, AT_FDCWD, two, flag) == 0
    }
}

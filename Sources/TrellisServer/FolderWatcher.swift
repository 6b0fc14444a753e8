import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Watches folders for changed files with Linux inotify, recursively, skipping hidden folders.
/// Changes arrive as batches of paths, coalesced over `settle` so a burst of saves (an editor
/// writing a temporary file and renaming it, or 100 saves in a second) becomes one rebuild.
/// Where inotify is not available it falls back to polling modification times.
public final class FolderWatcher: @unchecked Sendable {
    private let folders: [String]
    private let settle: TimeInterval
    private var descriptor: Int32 = -1
    private var watches: [Int32: String] = [:]
    private let lock = NSLock()
    private var pending: Set<String> = []
    private var lastEvent = Date.distantPast
    private var stopped = false

    public init(folders: [URL], settle: TimeInterval = 0.03) {
        self.folders = folders.map { $0.standardizedFileURL.resolvingSymlinksInPath().path }
        self.settle = settle
    }

    /// Calls `onChange` with each settled batch of changed paths, on a background thread.
    public func start(_ onChange: @escaping @Sendable (Set<String>) -> Void) {
        #if os(Linux)
            descriptor = inotify_init1(Int32(IN_CLOEXEC))
        #endif
        if descriptor >= 0 {
            for folder in folders { addWatches(below: folder) }
            Thread.detachNewThread { [self] in readEvents() }
        } else {
            Thread.detachNewThread { [self] in poll() }
        }
        Thread.detachNewThread { [self] in deliver(onChange) }
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        if descriptor >= 0 { close(descriptor) }
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func note(_ path: String) {
        lock.lock()
        pending.insert(path)
        lastEvent = Date()
        lock.unlock()
    }

    /// Hands over pending changes once no new event came for `settle` seconds.
    private func deliver(_ onChange: @Sendable (Set<String>) -> Void) {
        while !isStopped {
            Thread.sleep(forTimeInterval: settle / 3)
            lock.lock()
            var batch: Set<String> = []
            if !pending.isEmpty && Date().timeIntervalSince(lastEvent) >= settle {
                batch = pending
                pending.removeAll()
            }
            lock.unlock()
            if !batch.isEmpty { onChange(batch) }
        }
    }

    // MARK: inotify

    private func addWatches(below folder: String) {
        #if os(Linux)
            let mask = UInt32(
                IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)
            let watch = inotify_add_watch(descriptor, folder, mask)
            guard watch >= 0 else { return }
            lock.lock()
            watches[watch] = folder
            lock.unlock()
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names where !name.hasPrefix(".") {
                let child = folder + "/" + name
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: child, isDirectory: &isFolder), isFolder.boolValue,
                    !isSymbolicLink(child)
                {
                    addWatches(below: child)
                }
            }
        #endif
    }

    private func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    private func readEvents() {
        #if os(Linux)
            let size = 64 * 1024
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
            defer { buffer.deallocate() }
            while !isStopped {
                let count = read(descriptor, buffer, size)
                if count <= 0 {
                    if errno == EINTR { continue }
                    return
                }
                var offset = 0
                while offset < count {
                    let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = buffer.advanced(by: offset + MemoryLayout<inotify_event>.size)
                    let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                    offset += MemoryLayout<inotify_event>.size + Int(event.len)
                    lock.lock()
                    let folder = watches[event.wd]
                    lock.unlock()
                    guard let folder else { continue }
                    if name.hasPrefix(".") { continue }  // hidden files, editors' swap files
                    let path = name.isEmpty ? folder : folder + "/" + name
                    if event.mask & UInt32(IN_ISDIR) != 0 && event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        addWatches(below: path)
                    }
                    note(path)
                }
            }
        #endif
    }

    // MARK: Polling fallback

    private func poll() {
        var previous = snapshot()
        while !isStopped {
            Thread.sleep(forTimeInterval: 0.3)
            let current = snapshot()
            for (path, stamp) in current where previous[path] != stamp { note(path) }
            for path in previous.keys where current[path] == nil { note(path) }
            previous = current
        }
    }

    private func snapshot() -> [String: Double] {
        var stamps: [String: Double] = [:]
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(atPath: folder) else { continue }
            while let relative = enumerator.nextObject() as? String {
                if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                let path = folder + "/" + relative
                let date = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
                stamps[path] = date?.timeIntervalSince1970 ?? 0
            }
        }
        return stamps
    }
}

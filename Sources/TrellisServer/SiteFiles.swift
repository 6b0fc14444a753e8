import Foundation

/// The built site's files, read once and kept in memory until the next rebuild, with the
/// validators (`ETag`, `Last-Modified`) that let browsers revalidate cheaply.
final class SiteFiles: @unchecked Sendable {
    struct Entry: Sendable {
        let bytes: [UInt8]
        let etag: String
        let lastModified: String
        let contentType: String
    }

    let root: String
    private let lock = NSLock()
    private var cache: [String: Entry] = [:]
    private var generation = 0
    /// The largest file kept in memory; bigger ones are read on each request.
    private let cacheLimit = 4 << 20

    init(root: String) {
        self.root = root
    }

    /// Forgets every file: called after each rebuild.
    func invalidate() {
        lock.lock()
        cache.removeAll(keepingCapacity: true)
        generation += 1
        lock.unlock()
    }

    func entry(for file: String) -> Entry? {
        lock.lock()
        if let hit = cache[file] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        let modified = (attributes?[.modificationDate] as? Date) ?? Date()
        var hasher = Hasher64()
        hasher.add(data)
        let entry = Entry(
            bytes: [UInt8](data), etag: "\"\(hasher.hex)\"", lastModified: HTTPDate.format(modified),
            contentType: ContentType.of(file))
        if data.count <= cacheLimit {
            lock.lock()
            cache[file] = entry
            lock.unlock()
        }
        return entry
    }
}

/// FNV-1a over the file's bytes: a strong enough validator for a local preview server.
struct Hasher64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ data: Data) {
        for byte in data {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
    }

    var hex: String { String(value, radix: 16) }
}

/// RFC 9110 dates: `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}

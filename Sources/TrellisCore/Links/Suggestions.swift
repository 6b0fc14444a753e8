import Foundation

/// "Did you mean" for dangling links: the existing note name closest to what was written.
///
/// The names are indexed (`NameIndex`) when the first dangling link asks: most builds after an
/// edit have none, and a vault with thousands of dangling links compares each only with the few
/// names that can be close to it.
struct Suggestions: Sendable {
    private let table: Table

    private final class Table: @unchecked Sendable {  // `index` is made under `lock`
        let names: @Sendable () -> [String]
        private var index: NameIndex?
        private var early: Parallel.Pending<NameIndex>?
        private let lock = NSLock()

        let jobs: Int?

        init(names: @escaping @Sendable () -> [String], jobs: Int?) {
            self.names = names
            self.jobs = jobs
            if Parallel.workers(jobs) > 1 {
                early = Parallel.Pending(jobs: jobs) { NameIndex(names: names(), jobs: jobs) }
            }
        }

        var made: NameIndex {
            lock.lock()
            defer { lock.unlock() }
            if let index { return index }
            let made = early?.wait() ?? NameIndex(names: names(), jobs: jobs)
            index = made
            return made
        }
    }

    /// `names`, asked for when the first dangling link is met; repeats are ignored. With more
    /// than one job, made at once on another thread, so that the first dangling link does not
    /// hold every core waiting while one thread makes the index (more work when no link
    /// dangles, on a core that would be idle while the rest of the vault's index is put
    /// together). `jobs`: at most this many threads, as everywhere.
    init(names: @escaping @Sendable () -> [String], jobs: Int? = 1) {
        table = Table(names: names, jobs: jobs)
    }

    /// The name within a small edit distance (a third of the length, at most 4), or one that
    /// starts with the written name as a whole word (`Consensus` → `Consensus Algorithms`); the
    /// nearest, then the first by name. Only names starting with the same character are weighed.
    func closest(to written: String) -> String? { match(written).name }

    /// `closest(to:)` with the count of edit distances it took, for tests of the index.
    func match(_ written: String) -> NameIndex.Match {
        let wanted = LinkKey.of(written.hasSuffix(".md") ? String(written.dropLast(3)) : written)
        guard !wanted.isEmpty, !wanted.utf8.contains(UInt8(ascii: "/")) else {
            return NameIndex.Match(name: nil, compared: 0)
        }
        return table.made.closest(to: wanted, limit: Suggestions.limit(forLength: wanted.count))
    }

    /// How many edits a suggestion may be away from a name of `length` characters.
    static func limit(forLength length: Int) -> Int { min(4, max(1, length / 3)) }
}

import Foundation

/// Files in the output folder that trellis did not write — a hand-made `index.html`, a
/// `_trellis/style.css` of your own, a link — where the site would put a page. Trellis's own files
/// are the ones its manifest lists; a file that already holds the page's bytes is no loss and is
/// not counted. They are gathered while the pages are written, so the build can refuse them all
/// at once, before anything is put in place — unless it was told to replace them (`--force`).
final class ForeignFiles: @unchecked Sendable {
    /// The files the last build wrote: trellis's to replace.
    private var listed: Set<String>
    let force: Bool
    private let lock = NSLock()
    private var found: Set<String> = []

    init(listed: [String]?, force: Bool) {
        self.listed = Set(listed ?? [])
        self.force = force
    }

    /// Why a build stopped: files of yours that it would have replaced.
    struct Refusal: Error, CustomStringConvertible {
        var folder: String
        /// Their paths in the output folder, sorted; a link is marked `(a symbolic link)`.
        var files: [String]

        var description: String {
            let shown = Wording.list(files, atMost: 20)
            let (count, them) = (Wording.counted(files.count, "file"), files.count == 1 ? "it" : "them")
            return
                "refusing to replace \(count) in \(folder) that trellis did not write (its \(SiteWriter.manifestName) "
                + "does not list \(them)): \(shown); move \(them) away, or pass --force to replace \(them)"
        }
    }

    /// Whether the build may replace `entry`, which stands at `path` and is not what the build
    /// would put there; when it may not, the path is kept for the refusal.
    func mayReplace(_ path: String, _ entry: OutputTree.Entry) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if force || listed.contains(path) { return true }
        found.insert(entry == .link ? "\(path) (a symbolic link)" : path)
        return false
    }

    /// The refusal, when any file of yours was in the way and the build was not forced.
    func refusal(in folder: String) -> Refusal? {
        lock.lock()
        defer { lock.unlock() }
        return found.isEmpty ? nil : Refusal(folder: folder, files: found.sorted())
    }

    /// Of `paths`, those the manifest does not list yet; from now on they count as listed.
    func recording(_ paths: [String]) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let fresh = paths.filter { !listed.contains($0) }
        listed.formUnion(fresh)
        return fresh
    }

    /// Every file listed, the new ones included: the manifest to write before they appear.
    var allListed: [String] {
        lock.lock()
        defer { lock.unlock() }
        return listed.sorted()
    }
}

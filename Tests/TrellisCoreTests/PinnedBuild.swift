import Foundation

@testable import TrellisCore

/// Builds a fixture vault with everything the build reads besides the vault's bytes held fixed,
/// so that the site it writes is the same on every machine and every day: the one place that
/// decides what a snapshot may not depend on.
///
/// - File times: notes' dates ("Recently changed", the feed) come from their files' modification
///   times, which a checkout sets to the moment it ran. The vault is copied to a temporary folder
///   and every file and folder is given `PinnedBuild.time`. The build reads no clock of its own
///   (nothing in TrellisCore asks for the date), so nothing in the output has to be scrubbed.
/// - KaTeX: whether libjs-katex is installed decides how math is shown. It is left out, so a clone
///   without it records the same site (the fixtures have no math; `PageScriptsTests` covers it).
/// - Theme and cache: the repository's `Theme/`, and no build cache.
struct PinnedBuild {
    /// 2024-01-02 12:00:00 UTC: midday, so the day is the same in every time zone.
    static let time = Date(timeIntervalSince1970: 1_704_196_800)

    let site: URL
    let report: BuildReport
    private let work: URL

    init(_ vault: URL) throws {
        let manager = FileManager.default
        work = manager.temporaryDirectory.appendingPathComponent("trellis-snapshot-\(UUID().uuidString)")
        let copy = work.appendingPathComponent("vault")
        site = work.appendingPathComponent("site")
        try manager.createDirectory(at: work, withIntermediateDirectories: true)
        try manager.copyItem(at: vault, to: copy)
        try PinnedBuild.pinTimes(in: copy)
        var options = RunOptions(vault: copy, output: site, defaultTheme: Repository.theme)
        options.katex = nil
        report = try Pipeline.build(options)
    }

    func remove() { try? FileManager.default.removeItem(at: work) }

    /// Every file and folder under `folder`, and `folder` itself, modified at `time`.
    private static func pinTimes(in folder: URL) throws {
        let manager = FileManager.default
        let inside = manager.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for url in inside + [folder] {
            try manager.setAttributes([.modificationDate: time], ofItemAtPath: url.path)
        }
    }
}

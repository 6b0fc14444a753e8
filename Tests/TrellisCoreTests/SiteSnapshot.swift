import Foundation

@testable import TrellisCore

/// A built site as the snapshot tests keep it beside its fixture vault, in `<vault>.expected/`:
///
/// - `site/`: every file the build wrote, byte for byte: pages, `graph.json`, the scripts made
///   for the vault (`explorer.js`, `graph.js`), attachments, and the search index. The index's
///   files are text (`_trellis/search/meta.js`, `t/*.js`, `d/*.js`), a few KB per fixture, and are
///   kept as written rather than as a dump, so a change to how the index is encoded shows too;
/// - `theme-assets.txt`: the files copied verbatim from `Theme/assets/` (the stylesheet, the
///   scripts, the icon), by path only. They are the same for every vault and are reviewed where
///   they live; a file listed here must be in the site with its source's exact bytes;
/// - `diagnostics.txt`: what the build reported, a line each, as `trellis build` prints it, with
///   its code.
///
/// Left out: the output's `.trellis-manifest`, the writer's compressed list of the files it wrote
/// (that list is what is compared here; `ManifestFileTests` covers its format).
struct SiteSnapshot: Equatable {
    var files: [String: [UInt8]] = [:]
    var themeAssets: [String] = []
    var diagnostics = ""

    static let siteFolder = "site"
    static let themeAssetsFile = "theme-assets.txt"
    static let diagnosticsFile = "diagnostics.txt"

    struct Collision: Error, CustomStringConvertible {
        let path: String
        var description: String { "two files named \(path), their names differing only in Unicode normalisation" }
    }
}

// In an extension, so that the memberwise initialiser stays (the tests of the comparison use it).
extension SiteSnapshot {
    /// The site `build` wrote, sorted into stored files and theme assets.
    init(_ build: PinnedBuild, theme: URL) throws {
        let assets = theme.appendingPathComponent("assets")
        for (path, bytes) in try SiteSnapshot.read(build.site) where path != SiteWriter.manifestName {
            let source = path.hasPrefix("_trellis/") ? assets.appendingPathComponent(String(path.dropFirst(9))) : nil
            if let source, (try? Data(contentsOf: source)).map(Array.init) == bytes {
                themeAssets.append(path)
            } else {
                files[path] = bytes
            }
        }
        themeAssets.sort()
        diagnostics = build.report.diagnostics.map {
            "\(DiagnosticFormatter.text($0, colour: false)) [\($0.code.rawValue)]\n"
        }
        .joined()
    }

    /// What was recorded in `folder`; nil when nothing was.
    init?(recordedIn folder: URL) throws {
        guard FileManager.default.fileExists(atPath: folder.path) else { return nil }
        files = try SiteSnapshot.read(folder.appendingPathComponent(SiteSnapshot.siteFolder))
        let list = try String(contentsOf: folder.appendingPathComponent(SiteSnapshot.themeAssetsFile), encoding: .utf8)
        themeAssets = list.split(separator: "\n").map(String.init)
        diagnostics = try String(
            contentsOf: folder.appendingPathComponent(SiteSnapshot.diagnosticsFile), encoding: .utf8)
    }

    /// Replaces whatever `folder` held with this snapshot.
    func record(in folder: URL) throws {
        let manager = FileManager.default
        try? manager.removeItem(at: folder)
        let site = folder.appendingPathComponent(SiteSnapshot.siteFolder)
        for (path, bytes) in files {
            let url = site.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let list = themeAssets.map { $0 + "\n" }.joined()
        try Data(list.utf8).write(to: folder.appendingPathComponent(SiteSnapshot.themeAssetsFile))
        try Data(diagnostics.utf8).write(to: folder.appendingPathComponent(SiteSnapshot.diagnosticsFile))
    }

    /// Every regular file under `folder`, by its path relative to it.
    private static func read(_ folder: URL) throws -> [String: [UInt8]] {
        let root = folder.standardizedFileURL.path + "/"
        var files: [String: [UInt8]] = [:]
        let urls =
            FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL } ?? []
        for url in urls where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            let path = String(url.standardizedFileURL.path.dropFirst(root.count))
            guard files[path] == nil else { throw Collision(path: path) }
            files[path] = Array(try Data(contentsOf: url))
        }
        return files
    }
}

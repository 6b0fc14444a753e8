import Foundation
import Testing

@testable import TrellisCore

/// Random vaults through random sequences of edits. After each edit, the site and diagnostics a
/// build makes from its cache (a new process each time), and those `serve` makes with one builder
/// kept alive, equal those of a build from nothing. This is what lets the incremental planner's
/// rules ("only the pages within two links") be trusted beyond the examples that suggested them.
@Suite("edit sequences")
struct EditSequenceTests {
    enum Edit: CaseIterable {
        case add, delete, rename, retitle, content, relink, property, touch, heading, publish, attachment, theme
    }

    @Test("incremental builds equal full builds after every edit", arguments: 1...8 as ClosedRange<UInt64>)
    func randomEdits(seed: UInt64) throws {
        var random = SeededRandom(seed: seed &* 0x9E37_79B9)
        let vault = try TemporaryVault(RandomVault.files(seed: seed, notes: 12))
        let work = vault.root.appendingPathExtension("edits")
        defer {
            vault.remove()
            try? FileManager.default.removeItem(at: work)
        }
        let theme = work.appendingPathComponent("theme/assets")
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try Data("/* 0 */".utf8).write(to: theme.appendingPathComponent("extra.css"))

        var cached = RunOptions(
            vault: vault.root, output: work.appendingPathComponent("cached"), theme: theme.deletingLastPathComponent(),
            defaultTheme: Repository.theme)
        cached.cacheKey = "edits"
        cached.cacheFolder = work.appendingPathComponent("cache")
        var served = cached
        served.cacheKey = nil
        served.output = work.appendingPathComponent("served")
        var full = served
        full.output = work.appendingPathComponent("full")
        let server = SiteBuilder(options: served)

        _ = try SiteBuilder(options: cached).build()
        _ = try server.build()
        var history: [Edit] = []
        for step in 0..<10 {
            let edit = Edit.allCases.randomElement(using: &random)!
            history.append(edit)
            let touched = try apply(edit, step: step, to: vault, theme: theme, random: &random)
            let incremental = try SiteBuilder(options: cached).build()
            let deferred = Bool.random(using: &random)
            let kept = try server.build(changed: touched, deferIndex: deferred)
            if deferred { try server.refreshIndex() }
            try? FileManager.default.removeItem(at: full.output!)
            let expected = try Pipeline.build(full)
            let context = "seed \(seed), edits \(history)"
            #expect(incremental.diagnostics == expected.diagnostics, "cached build: \(context)")
            #expect(kept.diagnostics == expected.diagnostics, "serve: \(context)")
            try expectSameSite(cached.output!, full.output!, context: "cached build: " + context)
            try expectSameSite(served.output!, full.output!, context: "serve: " + context)
        }
    }

    /// Makes one edit; returns the absolute paths it changed, as a file watcher would report them.
    private func apply(_ edit: Edit, step: Int, to vault: TemporaryVault, theme: URL, random: inout SeededRandom) throws
        -> Set<String>
    {
        let notes = try vaultNotes(vault)
        let file = { (path: String) in vault.root.appendingPathComponent(path) }
        let some = notes.randomElement(using: &random) ?? "Note 0.md"
        let other = notes.randomElement(using: &random).map { String($0.dropLast(3)) } ?? "Nothing"
        func write(_ path: String, _ text: String) throws {
            try FileManager.default.createDirectory(
                at: file(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file(path))
        }
        func read(_ path: String) -> String { (try? String(contentsOf: file(path), encoding: .utf8)) ?? "" }
        switch edit {
        case .add:
            try write("Added \(step).md", "# Added \(step)\n\nSee [[\(other)]] and [[Note \(step)]].\n")
            return [file("Added \(step).md").path]
        case .delete:
            guard notes.count > 2 else { return [] }
            try FileManager.default.removeItem(at: file(some))
            return [file(some).path]
        case .rename:
            let renamed = "Topics/Renamed \(step).md"
            try FileManager.default.createDirectory(at: file("Topics"), withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: file(some), to: file(renamed))
            return [file(some).path, file(renamed).path]
        case .retitle:
            try write(some, "---\ntitle: Retitled \(step)\n---\n" + read(some))
        case .content:
            try write(some, read(some) + "\nMore words, step \(step).\n")
        case .relink:
            try write(some, read(some) + "\n[[\(other)]] [[\(other)#Part]] ![[\(other)]] [[Gone \(step)]]\n")
        case .property:
            try write(some, "---\nrelated: \"[[\(other)]]\"\nsee: [[\(other)#Part]]\nstep: \(step)\n---\n" + read(some))
        case .touch:
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(Double(step + 1) * 60)], ofItemAtPath: file(some).path)
        case .heading:
            try write(some, read(some).replacingOccurrences(of: "## Part", with: "## Part \(step)") + "\n## Part\n")
        case .publish:
            try write(some, "---\ndraft: \(step % 2 == 0)\n---\n" + read(some))
        case .attachment:
            try write("media/image \(step % 3).png", "png \(step)")
            return [file("media/image \(step % 3).png").path]
        case .theme:
            try Data("/* \(step) */".utf8).write(to: theme.appendingPathComponent("extra.css"))
            return [theme.appendingPathComponent("extra.css").path]
        }
        return [file(some).path]
    }

    private func vaultNotes(_ vault: TemporaryVault) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: vault.root.path)!
        return (enumerator.allObjects as! [String]).filter { $0.hasSuffix(".md") }.sorted()
    }

    private func expectSameSite(_ site: URL, _ expected: URL, context: String) throws {
        let built = try files(site)
        let wanted = try files(expected)
        #expect(built.keys.sorted() == wanted.keys.sorted(), "\(context)")
        for (path, data) in wanted where built[path] != data {
            Issue.record("\(path) differs from a full build's: \(context)")
        }
    }

    /// Every file of a site but its manifest, by path.
    private func files(_ site: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = site.standardizedFileURL.path + "/"
        let enumerator = FileManager.default.enumerator(at: site, includingPropertiesForKeys: nil)!
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            if path == SiteWriter.manifestName { continue }
            result[path] = try Data(contentsOf: url)
        }
        return result
    }
}

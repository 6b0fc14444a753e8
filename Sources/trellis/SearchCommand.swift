import ArgumentParser
import Foundation
import TrellisCore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the notes as the site's search box does.",
        discussion: """
            Ranks exactly as the browser does. With --site it reads the index of a built site
            (DIR/_trellis/search/); otherwise it indexes VAULT (default ./Notes) in memory. A query
            word also finds words it begins (`invalid` → invalidation) and words of the same stem
            (`cache` → caching); `#tag` searches tags only.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The words to search for.")
    var query: String

    @Argument(help: "The vault folder, when not reading a built site.", completion: .directory)
    var vault: String = "Notes"

    @Option(help: "Read the index of this built site instead of indexing a vault.", completion: .directory)
    var site: String?

    @Option(help: "Show at most this many results.")
    var limit = 10

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .customLong("jobs"), help: "Use at most this many threads (default: all cores).")
    var jobs: Int?

    /// Writes the vault's index below this folder too (for the JavaScript tests).
    @Option(help: .hidden)
    var writeIndex: String?

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be 1 or more") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if site != nil && writeIndex != nil { throw ValidationError("--write-index indexes a vault; leave out --site") }
        var isFolder: ObjCBool = false
        let folder = site ?? vault
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError(
                site == nil
                    ? "no vault folder at \(vault); pass the folder of your notes, e.g. `trellis search cache Notes`"
                    : "no site folder at \(folder); build one first with `trellis build`")
        }
    }

    func run() throws {
        let index: SearchIndex
        do {
            if let site {
                index = try SearchIndex(site: URL(fileURLWithPath: site))
            } else {
                let files = try SearchIndex.files(vault: URL(fileURLWithPath: vault), jobs: jobs)
                if let writeIndex { try Self.write(files, below: URL(fileURLWithPath: writeIndex)) }
                index = try SearchIndex(files: files)
            }
        } catch {
            throw Terminal.fail(error)
        }
        let results = index.search(query, limit: limit)
        switch format {
        case .json: print(SearchResult.json(results))
        case .text: print(results.isEmpty ? "No results for “\(query)”." : SearchResult.text(results))
        }
    }

    /// The test hook behind --write-index: only the index files, so a folder that holds a site
    /// keeps everything else (`SiteWriter.finish()` would remove the pages it did not write).
    private static func write(_ files: [(path: String, contents: String)], below folder: URL) throws {
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .atomic)
        }
    }
}

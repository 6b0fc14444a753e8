import Foundation

extension SearchResult {
    /// `[{"id","title","url","heading","score","snippet"}]`, one result per line.
    public static func json(_ results: [SearchResult]) -> String {
        let items = results.map { result in
            let fields = [
                "\"id\":\(JSON.string(result.id))",
                "\"title\":\(JSON.string(result.title))",
                "\"url\":\(JSON.string(result.url))",
                "\"heading\":\(result.heading.map(JSON.string) ?? "null")",
                "\"score\":\(result.score)",
                "\"snippet\":\(JSON.string(result.snippet))",
            ]
            return "{" + fields.joined(separator: ",") + "}"
        }
        return items.isEmpty ? "[]" : "[\n" + items.joined(separator: ",\n") + "\n]"
    }

    /// `Title › Heading  (url)` and the snippet indented below it, a blank line between results.
    public static func text(_ results: [SearchResult]) -> String {
        results.map { result in
            let name = result.heading.map { "\(result.title) › \($0)" } ?? result.title
            let snippet = result.snippet.isEmpty ? "" : "\n    " + TerminalText.escaped(result.snippet)
            return "\(TerminalText.escaped(name))  (\(TerminalText.escaped(result.url)))" + snippet
        }
        .joined(separator: "\n\n")
    }
}

extension SearchIndex {
    /// The index files of a vault's published notes, built in memory as `build` writes them.
    public static func files(vault: URL, jobs: Int? = nil) throws -> [(path: String, contents: String)] {
        var timings = StageTimings()
        let resolved = try Pipeline.resolve(RunOptions(vault: vault, jobs: jobs), render: false, timings: &timings)
        let notes = resolved.publishedNotes
        let siteMap = SiteMap(notes: notes.map(\.path), attachments: resolved.vault.attachments, home: resolved.home)
        return SearchIndexBuilder(jobs: jobs, properties: resolved.config.properties).build(
            notes: notes, siteMap: siteMap)
    }
}

import Foundation
import Testing
import Yams

@testable import TrellisCore

/// A small vault whose every count is known: see the comments in `ExportStatsTests.counts`.
private let statsVault: [String: String] = [
    "Home.md": "# Home\n\n[[A]] [[B]] [[Missing]] [[Same]] ![[A]] [site](/about) ![[pic.png]] #alpha\n",
    "A.md": "---\ntags: [beta, alpha]\n---\n# Alpha Note\n\n[[B]] [[A#Nope]]\n",
    "B.md": "# B\n\n[[A]]\n",
    "x/Same.md": "# Same\n",
    "y/Same.md": "# Same\n",
    "Lonely.md": "---\ndraft: true\n---\n# Lonely\n",
    "pic.png": "png",
]

/// Names and titles that break naive quoting: quotes, backslashes, line breaks, DOT syntax,
/// Graphviz label escapes (`\N`, `\l`), a NUL from YAML, non-Latin scripts.
private let hostileVault: [String: String] = [
    "Quote \"x\".md":
        "---\ntitle: \"Say \\\"hi\\\" \\\\N \\\\l back\\\\\"\n---\n[[Back\\slash]] [[Nope \"quoted\"]] [[Ends with \\\\]] [[Brace {} -> ; [x]]]\n",
    "Back\\slash.md": "# Back\\slash\n\n[[Quote \"x\"]] ![[New\nLine]]\n",
    "New\nLine.md": "---\ntitle: \"two\\nlines and a nul \\0 here\"\n---\n[[Résumé 日本]] [[Quote \"x\"]]\n",
    "Résumé 日本.md": "# Résumé 日本\n\n[[digraph]] [[Back\\slash]]\n",
    "digraph.md": "---\ntitle: \"} digraph { \\\"a\\\" -> b\"\n---\n[[Quote \"x\"]]\n",
    "Brace {} -> ; [x].md": "# Brace\n",
]

private func resolve(_ vault: TemporaryVault) throws -> ResolvedVault { try vault.check() }

@Suite("trellis graph: JSON and DOT")
struct ExportGraphTests {
    @Test("JSON is byte for byte the graph.json a build writes")
    func jsonMatchesTheBuild() throws {
        for files in [statsVault, hostileVault] {
            let vault = try TemporaryVault(files)
            defer { vault.remove() }
            _ = try vault.build()
            let built = try vault.page("graph.json")
            #expect(GraphFile(resolved: try resolve(vault)).render(.json) == built)
            #expect(try JSONSerialization.jsonObject(with: Data(built.utf8)) is [String: Any])
        }
    }

    @Test("DOT: notes by path with their titles, links, dashed embeds, dangling targets apart")
    func dotShape() throws {
        let vault = try TemporaryVault(statsVault)
        defer { vault.remove() }
        let dot = GraphFile(resolved: try resolve(vault)).render(.dot)
        let lines = Set(dot.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(dot.hasPrefix("digraph \"Notes\" {\n") && dot.hasSuffix("}\n"))
        #expect(lines.contains("\"A.md\" [label=\"Alpha Note\", tooltip=\"A.md\", URL=\"a.html\"];"))
        #expect(lines.contains("\"Home.md\" [label=\"Home\", tooltip=\"Home.md\", URL=\"index.html\"];"))
        #expect(lines.contains("\"Home.md\" -> \"A.md\";"))
        #expect(lines.contains("\"Home.md\" -> \"A.md\" [style=dashed];"))
        #expect(lines.contains("\"B.md\" -> \"A.md\";"))
        #expect(lines.contains { $0.hasPrefix("\"/dangling/Missing\" [label=\"Missing\", style=\"rounded,dashed\"") })
        #expect(!dot.contains("A#Nope"))  // A has no such heading, but A is there: not dangling
        #expect(lines.contains { $0.hasPrefix("\"Home.md\" -> \"/dangling/Missing\" [style=dashed") })
        #expect(!dot.contains("Lonely"))  // a draft is not published, so not in the graph
        #expect(!dot.contains("pic.png"))  // attachments are not nodes, as in graph.json
    }

    @Test("DOT strings escape quotes, backslashes and line breaks")
    func dotQuoting() {
        #expect(DOT.quoted("plain") == "\"plain\"")
        #expect(DOT.quoted("say \"hi\"") == #""say \"hi\"""#)
        #expect(DOT.quoted(#"C:\temp\N"#) == #""C:\\temp\\N""#)
        #expect(DOT.quoted("ends with \\") == #""ends with \\""#)
        #expect(DOT.quoted("two\nlines\r") == #""two\nlines\r""#)
        #expect(DOT.quoted("nul\u{0}bell\u{7}") == "\"nul\u{FFFD}bell\u{FFFD}\"")
    }

    @Test(
        "dot -Tsvg reads the graph of Notes/ and of a vault of hostile names",
        .enabled(if: Graphviz.dot != nil, "Graphviz `dot` is not installed"))
    func graphvizParses() throws {
        let notes = RunOptions(vault: Repository.root.appendingPathComponent("Notes"))
        var timings = StageTimings()
        let notesGraph = GraphFile(resolved: try Pipeline.resolve(notes, render: false, timings: &timings)).render(.dot)
        let notesSVG = try Graphviz.svg(notesGraph)
        #expect(notesSVG.contains("<svg"))
        #expect(notesSVG.components(separatedBy: "class=\"node\"").count - 1 == Graphviz.nodeCount(notesGraph))

        let vault = try TemporaryVault(hostileVault)
        defer { vault.remove() }
        let hostile = GraphFile(resolved: try resolve(vault)).render(.dot)
        let svg = try Graphviz.svg(hostile)
        #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == Graphviz.nodeCount(hostile))
        #expect(svg.contains("Say &quot;hi&quot; \\N \\l back\\"))  // label escapes stay literal
        #expect(
            svg.contains("} digraph { &quot;a&quot; &#45;&gt; b") || svg.contains("} digraph { &quot;a&quot; -&gt; b"))
        #expect(svg.contains("Résumé 日本"))
    }
}

/// Runs Graphviz's `dot`.
enum Graphviz {
    static let dot: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The SVG `dot` makes of `source`; throws with dot's messages when it exits non-zero or warns.
    static func svg(_ source: String) throws -> String {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-\(UUID().uuidString).dot")
        try Data(source.utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot!)
        process.arguments = ["-Tsvg", input.path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, messages.isEmpty else {
            throw Failure(description: "dot exited \(process.terminationStatus): \(messages)\n\(source)")
        }
        return String(decoding: svg, as: UTF8.self)
    }

    /// How many node statements a graph of ours has: lines `"…" [label=…`.
    static func nodeCount(_ source: String) -> Int {
        source.split(separator: "\n").filter { $0.hasPrefix("  \"") && $0.contains("\" [label=") }.count
    }
}

@Suite("trellis stats: the vault's health")
struct ExportStatsTests {
    @Test("every count of a known vault")
    func counts() throws {
        let vault = try TemporaryVault(statsVault)
        defer { vault.remove() }
        let stats = VaultStats(try resolve(vault))
        #expect(stats.title == "Notes")
        #expect(stats.notes == 6)  // Lonely.md is a draft: a note, not published
        #expect(stats.publishedNotes == 5)
        #expect(stats.attachments == 1)
        // Home: A, B, pic.png, Same (ambiguous), embed A resolve; Missing and /about (no about.md at
        // the vault root) dangle. A: B resolves, A#Nope (no such heading) leads to A. B: A resolves.
        #expect(stats.links == VaultStats.Links(total: 10, resolved: 8, dangling: 2, ambiguous: 1, external: 0))
        #expect(stats.orphans == ["Lonely.md", "y/Same.md"])  // Home.md is the home note
        #expect(
            stats.mostLinked == [
                .init(path: "A.md", title: "Alpha Note", backlinks: 2),
                .init(path: "B.md", title: "B", backlinks: 2),
                .init(path: "x/Same.md", title: "Same", backlinks: 1),
            ])
        #expect(stats.tags == 2)
        #expect(stats.errors == 3 && stats.warnings == 1)
    }

    @Test("ambiguous links are counted even when their warning is turned off")
    func ambiguityIgnoresSeverityOverrides() throws {
        var files = statsVault
        files["trellis.toml"] = "[check]\nambiguous-link = \"off\"\n"
        let vault = try TemporaryVault(files)
        defer { vault.remove() }
        let stats = VaultStats(try resolve(vault))
        #expect(stats.links.ambiguous == 1)
        #expect(stats.warnings == 0)
    }

    @Test("the top list is cut at `top`, most linked first")
    func top() throws {
        let vault = try TemporaryVault(statsVault)
        defer { vault.remove() }
        #expect(VaultStats(try resolve(vault), top: 1).mostLinked.map(\.path) == ["A.md"])
        #expect(VaultStats(try resolve(vault), top: 0).mostLinked.isEmpty)
    }

    @Test("text and JSON")
    func formats() throws {
        let vault = try TemporaryVault(statsVault)
        defer { vault.remove() }
        let stats = VaultStats(try resolve(vault))
        let text = stats.text()
        #expect(text.contains("  notes        6 (5 published)"))
        #expect(text.contains("  links        10 (8 resolved, 2 dangling, 1 ambiguous, 0 external)"))
        #expect(text.contains("  orphans      2"))
        #expect(text.contains("  problems     3 errors, 1 warning"))
        #expect(text.contains("  2  Alpha Note  (A.md)"))
        let json = try #require(JSONSerialization.jsonObject(with: Data(stats.json().utf8)) as? [String: Any])
        #expect(json["notes"] as? Int == 6)
        #expect((json["links"] as? [String: Int])?["dangling"] == 2)
        #expect(json["orphans"] as? [String] == ["Lonely.md", "y/Same.md"])
        #expect((json["mostLinked"] as? [[String: Any]])?.first?["backlinks"] as? Int == 2)
    }

    @Test("the study vault's numbers hang together")
    func notesVault() throws {
        var timings = StageTimings()
        let resolved = try Pipeline.resolve(
            RunOptions(vault: Repository.root.appendingPathComponent("Notes")), render: false, timings: &timings)
        let stats = VaultStats(resolved)
        #expect(stats.notes == resolved.notes.count && stats.notes > 10)
        #expect(stats.publishedNotes <= stats.notes)
        #expect(stats.links.total == resolved.linkCount)
        #expect(stats.links.resolved + stats.links.dangling + stats.links.external == stats.links.total)
        #expect(stats.mostLinked.count == 10)
        #expect(zip(stats.mostLinked, stats.mostLinked.dropFirst()).allSatisfy { $0.backlinks >= $1.backlinks })
    }
}

@Suite("CI recipes")
struct ExportCIRecipeTests {
    private static var annotation: Regex<(Substring, Substring, Substring?)> {
        /^::(error|warning) file=[^,]+,line=\d+,col=\d+(,title=[^:]+)?::.+$/
    }

    @Test("--format github names files from where check runs, the repository's root in CI")
    func githubPrefix() {
        let prefix = { DiagnosticFormatter.githubPrefix(vault: $0, currentFolder: "/work/repo") }
        #expect(prefix("Notes") == "Notes/")
        #expect(prefix("Notes/") == "Notes/")
        #expect(prefix("./Notes") == "Notes/")
        #expect(prefix(".") == "")
        #expect(prefix("./") == "")
        // An absolute vault (`$GITHUB_WORKSPACE/Notes`) is made relative to the current folder…
        #expect(prefix("/work/repo/Notes") == "Notes/")
        #expect(prefix("/work/repo/./Notes/sub/") == "Notes/sub/")
        #expect(prefix("/work/repo") == "")
        // …and kept whole outside it, rather than dropped: `file=N.md` named another file.
        #expect(prefix("/elsewhere/vault") == "/elsewhere/vault/")
        #expect(prefix("/work/repository/Notes") == "/work/repository/Notes/")
    }

    @Test("--format github prints one annotation line per error and warning")
    func githubAnnotations() throws {
        let vault = try TemporaryVault([
            "Index.md": "# Index\n\n[[Consensus]] and [[Same]]\n",
            "x/Same.md": "# Same\n", "y/Same.md": "# Same\n",
        ])
        defer { vault.remove() }
        let diagnostics = try vault.check().diagnostics
        #expect(Set(diagnostics.map(\.severity)) == [.error, .warning])
        for diagnostic in diagnostics {
            let line = DiagnosticFormatter.github(diagnostic, prefix: "Notes/")
            #expect(line.wholeMatch(of: Self.annotation) != nil, "\(line)")
        }
        let dangling = try #require(diagnostics.first { $0.code == .danglingLink })
        #expect(
            DiagnosticFormatter.github(dangling, prefix: "Notes/")
                == "::error file=Notes/Index.md,line=3,col=1,title=trellis dangling-link::dangling link [[Consensus]]")
        let multiline = Diagnostic(
            file: "a,b.md", line: 2, column: 3, severity: .warning, code: .frontmatter, message: "one\ntwo: 100%")
        let escaped = DiagnosticFormatter.github(multiline, prefix: "")
        #expect(escaped == "::warning file=a%2Cb.md,line=2,col=3,title=trellis frontmatter::one%0Atwo: 100%25")
        #expect(escaped.wholeMatch(of: Self.annotation) != nil)
    }

    private func yaml(_ path: String) throws -> Any? {
        let text = try String(contentsOf: Repository.root.appendingPathComponent(path), encoding: .utf8)
        return try Yams.load(yaml: text)
    }

    @Test("the GitHub Actions workflow parses and runs trellis check with GitHub annotations")
    func githubWorkflow() throws {
        let workflow = try #require(try yaml("docs/ci/github-actions.yml") as? [String: Any])
        let jobs = try #require(workflow["jobs"] as? [String: [String: Any]])
        let steps = jobs.values.flatMap { ($0["steps"] as? [[String: Any]]) ?? [] }
        let runs = steps.compactMap { $0["run"] as? String }.joined(separator: "\n")
        #expect(runs.contains("trellis check Notes --format github"))
        #expect(runs.contains("libcmark-dev"))
        #expect(runs.contains("libjemalloc-dev"))
        #expect(workflow["on"] != nil || workflow["true"] != nil)
    }

    @Test("the GitLab CI recipe parses and runs trellis check")
    func gitlab() throws {
        let pipeline = try #require(try yaml("docs/ci/gitlab-ci.yml") as? [String: Any])
        let scripts = pipeline.values.compactMap { ($0 as? [String: Any])?["script"] as? [String] }.flatMap { $0 }
        #expect(scripts.contains { $0.contains("trellis check Notes") })
    }

    @Test("the pre-commit hook and its example config parse")
    func preCommit() throws {
        let hooks = try #require(try yaml(".pre-commit-hooks.yaml") as? [[String: Any]])
        let hook = try #require(hooks.first { $0["id"] as? String == "trellis-check" })
        #expect(hook["entry"] as? String == "trellis check")
        #expect(hook["language"] as? String == "system")
        #expect(hook["pass_filenames"] as? Bool == false)
        let config = try #require(try yaml("docs/ci/pre-commit-config.yaml") as? [String: Any])
        let repos = try #require(config["repos"] as? [[String: Any]])
        let ids = repos.flatMap { ($0["hooks"] as? [[String: Any]]) ?? [] }.compactMap { $0["id"] as? String }
        #expect(ids.contains("trellis-check"))
    }
}

@Suite("JSON strings Trellis writes by hand")
struct JSONStringTests {
    @Test("quotes, backslashes, line breaks, HTML characters and controls are escaped; other text is kept")
    func escapes() throws {
        let text = "a\"b\\c\nd\re\tf<g>h&i\u{2028}j\u{1}k é 東"
        let expected = #""a\"b\\c\nd\re\tf\u003cg\u003eh\u0026i\u2028j\u0001k é 東""#
        #expect(JSON.string(text) == expected)
        var out = "["
        JSON.append(text, to: &out)
        JSON.append("plain", to: &out)
        #expect(out == "[" + expected + "\"plain\"")
        // What a browser's JSON parser reads back is the original text.
        let decoded = try JSONSerialization.jsonObject(with: Data(("[" + expected + "]").utf8)) as? [String]
        #expect(decoded == [text])
    }
}

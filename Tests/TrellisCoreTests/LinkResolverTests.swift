import Foundation
import Testing

@testable import TrellisCore

@Suite("Link resolution")
struct LinkResolverTests {
    /// Checks a vault and returns its link diagnostics as `line:column code target`.
    private func problems(_ files: [String: String], in file: String = "Index.md") throws -> [String] {
        let vault = try TemporaryVault(files)
        defer { vault.remove() }
        return try vault.check().diagnostics.filter { $0.file == file }.map {
            "\($0.line):\($0.column) \($0.code.rawValue) \($0.target ?? "")"
        }
    }

    @Test("a published note's link or embed to a note that gets no page is a warning, and its page says why")
    func unpublishedTargets() throws {
        let vault = try TemporaryVault([
            "Home.md": "# Home\n\n[[Draft]] ![[Draft]] [d](Draft.md) [[Other#Top]] [[Gone]]\n",
            "Draft.md": "---\ndraft: true\n---\n# Draft\n\n[[Home]] [[Other]]\n",
            "Other.md": "---\npublish: false\n---\n# Top\n",
        ])
        defer {
            vault.remove()
            removeSite(vault.output)
        }
        let warnings = try vault.check().diagnostics.filter { $0.code == .unpublishedLink }
        // Only the published note's links: the draft's own links lead to no page either way.
        #expect(
            warnings.map { "\($0.file ?? ""):\($0.line):\($0.column)" }
                == (["1", "11", "22", "36"].map { "Home.md:3:" + $0 }))
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.message.contains("is not published") })
        _ = try Pipeline.build(RunOptions(vault: vault.root, output: vault.output, defaultTheme: Repository.theme))
        let page = try vault.page("index.html")
        #expect(
            page.components(separatedBy: "class=\"internal dangling unpublished\" title=\"Not published\"").count == 5)
        #expect(page.contains("title=\"Not found in the vault\">Gone</span>"))
    }

    @Test("names match case-insensitively, after NFC, with .md optional")
    func names() throws {
        let found = try problems([
            "Index.md": "[[load balancing]] [[LOAD BALANCING.md]] [[Cafe\u{301}]] [[Missing]]",
            "Topics/Load Balancing.md": "x",
            "Caf\u{E9}.md": "y",
        ])
        #expect(
            found == ["1:79 dangling-link Missing"] || found.count == 1 && found[0].hasSuffix("dangling-link Missing"))
    }

    @Test("path suffixes pick one of two same-named notes; a bare name is ambiguous")
    func ambiguity() throws {
        let vault = try TemporaryVault([
            "Index.md": "[[Same]] [[x/Same]] [[y/Same]]",
            "x/Same.md": "x", "y/Same.md": "y", "z/Deep/Same.md": "z",
        ])
        defer { vault.remove() }
        let resolved = try vault.check()
        let results = resolved.resolutions[VaultPath("Index.md")]!
        #expect(results[0] == .note(VaultPath("x/Same.md"), anchor: nil))  // fewest folders, then alphabetical
        #expect(results[1] == .note(VaultPath("x/Same.md"), anchor: nil))
        #expect(results[2] == .note(VaultPath("y/Same.md"), anchor: nil))
        let warnings = resolved.diagnostics.filter { $0.code == .ambiguousLink }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("z/Deep/Same.md") == true)
    }

    @Test("an ambiguous-link warning names five candidates and counts the rest")
    func manyCandidates() throws {
        var files = ["Index.md": "[[Same]]"]
        for folder in 0..<12 { files["f\(folder < 10 ? "0" : "")\(folder)/Same.md"] = "x" }
        let vault = try TemporaryVault(files)
        defer { vault.remove() }
        let warnings = try vault.check().diagnostics.filter { $0.code == .ambiguousLink }
        #expect(
            warnings.map(\.message) == [
                "ambiguous link [[Same]]: 12 candidates (f00/Same.md, f01/Same.md, f02/Same.md, f03/Same.md, f04/Same.md and 7 more); using f00/Same.md"
            ])
    }

    @Test("the linking note's own folder wins among candidates")
    func sameFolderFirst() throws {
        let vault = try TemporaryVault(["y/Index.md": "[[Same]]", "x/Same.md": "x", "y/Same.md": "y"])
        defer { vault.remove() }
        #expect(
            try vault.check().resolutions[VaultPath("y/Index.md")]![0] == .note(VaultPath("y/Same.md"), anchor: nil))
    }

    @Test("aliases resolve; headings match ignoring case and dropped punctuation; nesting")
    func headingsAndAliases() throws {
        let vault = try TemporaryVault([
            "Index.md":
                "[[LB]] [[Q#what is: a queue?]] [[Q#Back pressure#Shedding load]] [[Q#Shedding load#Back pressure]] [[Q#^fifo]] [[Q#^nope]] [[#Local]]\n\n## Local\n",
            "Q.md":
                "---\naliases: [LB]\n---\n## What is a queue?\n\nFirst. ^fifo\n\n## Back pressure\n\n### Shedding load\n",
        ])
        defer { vault.remove() }
        let resolved = try vault.check()
        let results = resolved.resolutions[VaultPath("Index.md")]!
        #expect(results[0] == .note(VaultPath("Q.md"), anchor: nil))
        #expect(results[1] == .note(VaultPath("Q.md"), anchor: "what-is-a-queue"))
        #expect(results[2] == .note(VaultPath("Q.md"), anchor: "shedding-load"))
        #expect(results[3] == .missingAnchor(VaultPath("Q.md")))
        #expect(results[4] == .note(VaultPath("Q.md"), anchor: "^fifo"))
        #expect(results[5] == .missingAnchor(VaultPath("Q.md")))
        #expect(results[6] == .note(VaultPath("Index.md"), anchor: "local"))
        #expect(resolved.diagnostics.map(\.code) == [.missingHeading, .missingBlock])
    }

    /// Obsidian's link suggestions and "Copy link to heading" write a heading as the note writes
    /// it, emphasis and all (`[[Note#**Bold** idea]]`), and Obsidian matches a link's part with the
    /// written heading once both lose ``!"#$%&()*+,.:;<=>?@^`{|}~/[]\`` (its `stripHeading`). Each
    /// link here either finds its heading so, or by the text the heading reads as, or is missing.
    @Test(
        "a heading is found by its written Markdown, as Obsidian finds it, or by how it reads",
        arguments: [
            ("[[T#**Bold** idea]]", "bold-idea"), ("[[T#Bold idea]]", "bold-idea"),
            ("[[T#Mark ==this==]]", "mark-this"), ("[[T#Code `x` here]]", "code-x-here"),
            ("[[T#What is it]]", "what-is-it"), ("[[T#what is it?]]", "what-is-it"),
            ("[[T#C++ / Rust]]", "c-rust"), ("[[T#C Rust]]", "c-rust"), ("[[T#Ital *one* _two_]]", "ital-one-two"),
            ("[[T#Ital one two]]", "ital-one-two"), ("[[T#Closed]]", "closed"), ("[[T#Not closed]]", "not-closed"),
            ("[[T#Set **text**]]", "set-text"), ("[[T#set text]]", "set-text"), ("[[T#Quoted *one*]]", "quoted-one"),
            ("[[T#Kept]]", "kept"), ("[[T#Listed *two*]]", "listed-two"),
            ("[[T#**Bold** idea#Under *it*]]", "under-it"), ("[[T#Bold_idea]]", nil), ("[[T#Ital one _two]]", nil),
            ("[[T#Under it#Bold idea]]", nil), ("[[T#Setext]]", nil), ("[[T#C++ Rust!]]", "c-rust"),
        ] as [(String, String?)])
    func writtenHeadings(link: String, anchor: String?) throws {
        let vault = try TemporaryVault([
            "Index.md": link + "\n",
            "T.md": """
            ## **Bold** idea
            ### Under *it*
            ## Mark ==this==
            ## Code `x` here
            ## What is it?
            ## C++ / Rust
            ## Ital *one* _two_
            ## Closed ##
            ## Not #closed#
            Set **text**
            ------------
            > ## Quoted *one*
            - ## Listed *two*

            ## Kept %%a comment%%

            """,
        ])
        defer { vault.remove() }
        let resolved = try vault.check()
        let expected: Resolution =
            anchor.map { .note(VaultPath("T.md"), anchor: $0) } ?? .missingAnchor(VaultPath("T.md"))
        #expect(resolved.resolutions[VaultPath("Index.md")] == [expected], "\(link)")
    }

    @Test("attachments by name or path; Markdown links relative to the note's folder")
    func attachmentsAndMarkdownLinks() throws {
        let vault = try TemporaryVault([
            "Topics/Index.md":
                "![[chart.png]] ![[media/chart.png|300]] [up](../Other.md) [side](Near.md) ![i](../media/chart.png)",
            "Topics/Near.md": "n", "Other.md": "o", "media/chart.png": "png",
        ])
        defer { vault.remove() }
        let resolved = try vault.check()
        #expect(
            resolved.resolutions[VaultPath("Topics/Index.md")]! == [
                .attachment(VaultPath("media/chart.png")), .attachment(VaultPath("media/chart.png")),
                .note(VaultPath("Other.md"), anchor: nil), .note(VaultPath("Topics/Near.md"), anchor: nil),
                .attachment(VaultPath("media/chart.png")),
            ])
        #expect(resolved.diagnostics.isEmpty)
    }

    @Test("links never resolve outside the vault")
    func outside() throws {
        let found = try problems(["Index.md": "[[../../etc/passwd]] [[/etc/hosts]] [x](../../secret.md)"])
        #expect(found.count == 3)
        #expect(found.allSatisfy { $0.contains("dangling-link") })
    }

    @Test("a dangling link suggests the closest name")
    func suggestion() throws {
        let vault = try TemporaryVault([
            "Index.md": "[[Consensus]] [[Cachng]]", "Consensus Algorithms.md": "c", "Caching.md": "c",
        ])
        defer { vault.remove() }
        let diagnostics = try vault.check().diagnostics
        #expect(diagnostics.map(\.suggestion) == ["Consensus Algorithms", "Caching"])
        #expect(diagnostics[0].message.contains("did you mean [[Consensus Algorithms]]?"))
    }

    @Test("orphans are reported with --orphans, as info")
    func orphans() throws {
        let vault = try TemporaryVault(["Index.md": "[[A]]", "A.md": "[[Index]]", "Alone.md": "x"])
        defer { vault.remove() }
        let orphans = try vault.check(orphans: true).diagnostics.filter { $0.code == .orphanNote }
        #expect(orphans.map(\.file) == ["Alone.md"])
        #expect(orphans.allSatisfy { $0.severity == .info })
    }

    @Test(
        "the shared links vault gives exactly the expected diagnostics",
        .enabled(
            if: FileManager.default.fileExists(atPath: Repository.shared.appendingPathComponent("vaults/links").path),
            "../shared/vaults/links is not beside the repository"))
    func sharedLinksVault() throws {
        let vaultURL = Repository.shared.appendingPathComponent("vaults/links")
        let expectedURL = Repository.shared.appendingPathComponent("vaults/links.expected.json")
        var timings = StageTimings()
        let resolved = try Pipeline.resolve(RunOptions(vault: vaultURL), render: false, timings: &timings)
        let got = Set(
            resolved.diagnostics.filter { $0.severity != .info }.map {
                "\($0.file!):\($0.line):\($0.column) \($0.code.rawValue) \($0.severity.rawValue) \($0.target!)"
            })
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as! [String: Any]
        let expected = Set(
            (json["diagnostics"] as! [[String: Any]]).map {
                "\($0["file"]!):\($0["line"]!):\($0["column"]!) \($0["code"]!) \($0["severity"]!) \($0["target"]!)"
            })
        #expect(got == expected)
    }

    @Test(
        "the home page is the top-level index, else home, else readme, in any case; never one in a folder or a draft",
        arguments: [
            (["README.md", "Home.md", "Index.md"], "Index.md"),
            (["readme.md", "HOME.md", "sub/index.md"], "HOME.md"),
            (["a/index.md", "b/home.md", "ReadMe.md"], "ReadMe.md"),
            (["Draft/index.md", "notes.md"], nil),
            (["home.md", "Home 2.md", "homepage.md"], "home.md"),
        ] as [([String], String?)])
    func homeNote(paths: [String], home: String?) throws {
        var files = Dictionary(uniqueKeysWithValues: paths.map { ($0, "# \($0)\n") })
        files["index.md"] = "---\ndraft: true\n---\n# Unpublished\n"  // a draft is never the home page
        let vault = try TemporaryVault(files)
        defer { vault.remove() }
        #expect(try vault.check().home?.string == home)
    }

    @Test("a `#` or `^` that a combining mark follows still parts the note from its heading or block")
    func markAfterHash() {
        #expect(LinkTarget(parsing: "B#\u{301}Inside") == LinkTarget(path: "B", subpath: .heading(["\u{301}Inside"])))
        #expect(LinkTarget(parsing: "B#A#\u{301}") == LinkTarget(path: "B", subpath: .heading(["A", "\u{301}"])))
        #expect(LinkTarget(parsing: "B#^\u{301}x") == LinkTarget(path: "B", subpath: .block("\u{301}x")))
    }
}

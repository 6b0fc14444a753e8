import Foundation
import Testing

@testable import TrellisCore

@Suite("Search ranking on the search fixture vault")
struct SearchRankingTests {
    static let vault = Repository.fixtures.appendingPathComponent("search/vault")
    static let index: SearchIndex? = try? SearchIndex(files: SearchIndex.files(vault: vault))

    private func search(_ query: String, limit: Int = 10) throws -> [SearchResult] {
        try #require(Self.index).search(query, limit: limit)
    }

    private func ids(_ query: String) throws -> [String] { try search(query).map(\.id) }

    @Test("the index reads back")
    func reads() throws {
        let index = try #require(Self.index)
        #expect(index.records.count == 12)  // Draft.md is not published
        #expect(index.records.map(\.path).prefix(2) == ["Home.md", "Caching.md"])  // shortest path first
        let caching = try #require(index.records.first { $0.path == "Caching.md" })
        #expect(caching.url == "caching.html")
        #expect(caching.headings.map(\.fragment) == ["cache-invalidation", "eviction-policies"])
        #expect(!index.records.contains { $0.path == "Draft.md" })
    }

    @Test("a title match beats body matches")
    func titleBeatsBody() throws {
        #expect(try ids("replication").first == "Databases/Replication.md")
        let caching = try search("caching")
        #expect(caching.first?.id == "Caching.md")
        #expect(caching.first?.url == "caching.html")
        #expect(caching.first?.heading == nil)
        #expect(caching.map(\.id).contains("Databases/Replication.md"))  // "a form of caching"
    }

    @Test("a heading hit links to its section")
    func headingHit() throws {
        let result = try #require(try search("invalidation").first)
        #expect(result.id == "Caching.md")
        #expect(result.url == "caching.html#cache-invalidation")
        #expect(result.heading == "Cache invalidation")
        #expect(result.snippet.hasPrefix("A cache keeps a copy"))
        let quorum = try #require(try search("quorums").first)
        #expect(quorum.url == "databases/replication.html#quorums")
    }

    @Test("a word met in the title points at the page: a heading must meet more query words to win")
    func headingTarget() throws {
        let followers = try #require(try search("followers lag").first)
        #expect(followers.url == "databases/replication.html#leader-and-followers")
        #expect(followers.heading == "Leader and followers")
        let caching = try #require(try search("caching").first)  // the title meets it too
        #expect(caching.url == "caching.html")
        let both = try #require(try search("cache invalidation").first)
        #expect(both.url == "caching.html#cache-invalidation")
        // "cache" meets "caching" in the title and "cache" in a heading: a tie, which the page wins.
        let cache = try #require(try search("cache").first)
        #expect(cache.url == "caching.html")
        #expect(cache.heading == nil)
    }

    @Test(
        "a word found only in the text of a section links to that section",
        arguments: [
            ("ttl", "caching.html#cache-invalidation", "Cache invalidation"),
            ("lru", "caching.html#eviction-policies", "Eviction policies"),
            ("heartbeat", "consensus.html#elections", "Elections"),  // a level-3 heading
            ("ballots", "consensus.html#paxos-made-simple", "Paxos made simple"),  // ahead of a later section
            ("acceptor", "consensus.html#paxos-made-simple", "Paxos made simple"),  // by prefix
            ("byzantine", "consensus.html#%C3%A4rger-co", "Ärger & Co."),  // a stored fragment
            ("raft", "consensus.html#raft", "Raft"),  // heading and text beat one mention before it
        ])
    func bodyHit(_ query: String, _ url: String, _ heading: String) throws {
        let result = try #require(try search(query).first)
        #expect(result.url == url, "\(query)")
        #expect(result.heading == heading, "\(query)")
    }

    @Test("a section far down a long page: its number is written with the escape")
    func farSection() throws {
        let index = try #require(Self.index)
        #expect(99 >> index.meta.sectionRice >= SearchBitWriter.longQuotient)
        let zugzwang = try #require(try search("zugzwang").first)
        #expect(zugzwang.url == "glossary.html#entry-98")  // the 99th heading "Entry"
        #expect(zugzwang.heading == "Entry")
        #expect(try search("zymurgy").first?.url == "glossary.html#entry-69")
        #expect(try search("zymurgy zugzwang").first?.url == "glossary.html#entry-69")
    }

    @Test(
        "a word in the text before the first heading links to the page, also when a section has it as often",
        arguments: [
            ("crash", "consensus.html"), ("copy", "caching.html"), ("nodes", "consensus.html"),
            ("frequently", "caching.html"),
        ])
    func introHit(_ query: String, _ url: String) throws {
        let result = try #require(try search(query).first)
        #expect(result.url == url, "\(query)")
        #expect(result.heading == nil, "\(query)")
    }

    @Test(
        "a result links to the section most of the query's words point at, the earliest of equals",
        arguments: [
            ("candidate votes ballots", "consensus.html#elections"),  // 2 to 1
            ("ballots acceptors heartbeat", "consensus.html#paxos-made-simple"),
            ("heartbeat ballots", "consensus.html#elections"),  // 1 to 1: the earlier section
            ("crash heartbeat", "consensus.html"),  // 1 to 1: the page comes first
            ("#distributed heartbeat", "consensus.html#elections"),  // a tag has no section
        ])
    func sectionVote(_ query: String, _ url: String) throws {
        #expect(try search(query).first?.url == url, "\(query)")
    }

    @Test("a reader refuses Rice parameters and counts no index has, rather than trapping on them")
    func damagedMeta() throws {
        let files = try SearchIndex.files(vault: Self.vault)
        let meta = try #require(files.first)
        for (field, value) in [("sectionRice", "-1"), ("levelRice", "-1"), ("sectionRice", "40"), ("notes", "-2")] {
            var changed = files
            let pattern = try Regex("\"\(field)\":-?[0-9]+")
            changed[0].contents = meta.contents.replacing(pattern, with: "\"\(field)\":\(value)")
            #expect(changed[0].contents != meta.contents)
            let error = #expect(throws: SearchFormat.FormatError.self, "\(field) \(value)") {
                _ = try SearchIndex(files: changed).search("cache", limit: 10)
            }
            #expect(error?.description == "meta.js: a field is missing or damaged")
        }
    }

    @Test("a reader refuses an index format it does not know")
    func unknownVersion() throws {
        let files = try SearchIndex.files(vault: Self.vault)
        let meta = try #require(files.first)
        let marker = "\"version\":\(SearchFormat.version),"
        #expect(meta.contents.contains(marker))
        for version in [1, SearchFormat.version + 1] {
            var changed = files
            changed[0].contents = meta.contents.replacingOccurrences(of: marker, with: "\"version\":\(version),")
            let error = #expect(throws: SearchFormat.FormatError.self) { try SearchIndex(files: changed) }
            #expect(error?.description.contains("format \(version)") == true)
        }
    }

    @Test(
        "case and diacritics are folded",
        arguments: ["cafe", "CAFÉ", "Café", "creme brulee", "crème", "AEROSKOBING", "ærøskøbing"])
    func folding(_ query: String) throws {
        let expected = query.uppercased() == "AEROSKOBING" ? [] : ["Café Culture.md"]
        #expect(try ids(query) == expected)
    }

    @Test(
        "prefixes and stems",
        arguments: [
            ("invalid", "Caching.md"), ("cache", "Caching.md"), ("caches", "Caching.md"),
            ("balancing", "Networking/Load Balancers.md"),
            ("balance", "Networking/Load Balancers.md"), ("run", "Networking/Load Balancers.md"),
            ("queue", "Notes on Queues.md"),
            ("evict", "Caching.md"), ("replica", "Databases/Replication.md"),
        ])
    func prefixAndStem(_ query: String, _ expected: String) throws {
        #expect(try ids(query).first == expected, "\(query)")
    }

    @Test("an exact word outranks a longer word it begins")
    func exactBeforePrefix() throws {
        // "cache" is a word of Caching.md; Replication.md and Home.md have only "caching", in
        // their text, so Caching.md also wins without its title.
        let results = try search("cache")
        #expect(results.first?.id == "Caching.md")
        #expect(Set(results.map(\.id)) == ["Caching.md", "Databases/Replication.md", "Home.md"])
    }

    @Test("CJK text is found by bigrams and single characters", arguments: ["東京", "東京都", "首都", "日本", "都", "電車", "正確"])
    func cjk(_ query: String) throws {
        #expect(try ids(query).first == "Japanese/東京.md", "\(query)")
    }

    @Test("a CJK heading hit links to it")
    func cjkSection() throws {
        let result = try #require(try search("交通").first)
        #expect(result.url.hasPrefix("japanese/"))
        #expect(result.heading == "交通")
        #expect(result.url.hasSuffix("#" + "交通".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!))
    }

    @Test("numbers are kept")
    func numbers() throws {
        #expect(try ids("404") == ["HTTP Status Codes.md"])
        #expect(try ids("ipv6") == ["HTTP Status Codes.md"])
    }

    @Test("#tag searches tags only")
    func tags() throws {
        #expect(try ids("#networking") == ["Networking/Load Balancers.md"])
        #expect(try ids("networking").contains("Notes on Queues.md"))
        #expect(try ids("#net") == ["Networking/Load Balancers.md"])
        #expect(try ids("#networking/layer-7") == ["Networking/Load Balancers.md"])
        #expect(Set(try ids("#storage")) == ["Caching.md", "Databases/Replication.md"])
        #expect(try ids("#日本") == ["Japanese/東京.md"])
        #expect(try ids("#nothing").isEmpty)
    }

    /// What a page shows is what search finds: the property values under a page's title (texts,
    /// dates, URLs and link labels) are searched as its text is, unless the page hides them.
    @Test(
        "property values a page shows are searched; hidden ones are not",
        arguments: [
            (config: "", shown: ["Own.md", "Shown.md"]), (config: "properties = \"hide\"\n", shown: ["Own.md"]),
        ])
    func propertyValues(config: String, shown: [String]) throws {
        let vault = try TemporaryVault([
            "trellis.toml": config,
            "Shown.md": "---\nstatus: Quixotic progress\nsee: \"[[Own|zygote label]]\"\n---\nBody.\n",
            "Hidden.md": "---\nstatus: Quixotic\nsee: \"[[Own|zygote label]]\"\nproperties: hide\n---\nBody.\n",
            "Own.md": "---\nstatus: Quixotic\nsee: \"[[Shown|zygote label]]\"\nproperties: show\n---\nBody.\n",
        ])
        defer { vault.remove() }
        _ = try vault.build()
        // `trellis search VAULT` and the site's own index.
        for index in [
            try SearchIndex(files: SearchIndex.files(vault: vault.root)), try SearchIndex(site: vault.output),
        ] {
            #expect(try index.search("quixotic").map(\.id).sorted() == shown)
            #expect(try index.search("zygote").map(\.id).sorted() == shown)
            #expect(try index.search("progress").map(\.id) == shown.filter { $0 == "Shown.md" })
        }
    }

    @Test("a tied score goes to the shorter path")
    func tieBreak() throws {
        #expect(try ids("stripes") == ["Twins/Zebra.md", "Twins/Deeper/Zebra.md"])
    }

    @Test("notes meeting more query words come first")
    func moreWordsFirst() throws {
        let results = try search("cache followers")
        #expect(results.first?.id == "Databases/Replication.md")
    }

    @Test("drafts are not indexed")
    func drafts() throws {
        #expect(try ids("secret").isEmpty)
    }

    @Test(
        "empty, punctuation-only and stop-word queries give nothing",
        arguments: ["", " ", "!!!", "#", "## ##", "—", "the", "?*[](){}", "\u{0301}"])
    func emptyQueries(_ query: String) throws {
        #expect(try search(query).isEmpty)
    }

    @Test("limit")
    func limit() throws {
        #expect(try search("stripes", limit: 1).count == 1)
        #expect(try search("stripes", limit: 0).isEmpty)
    }

    @Test("the files round-trip through a site folder")
    func siteFolder() throws {
        let files = try SearchIndex.files(vault: Self.vault)
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        for file in files {
            let url = site.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
        }
        let fromSite = try SearchIndex(site: site)
        #expect(fromSite.search("cache") == (try search("cache")))
        #expect(
            files.allSatisfy { $0.path.hasPrefix("_trellis/search/") && $0.contents.hasPrefix("TrellisSearch.load(") })
    }

    @Test("a site without an index is a clear error")
    func missingIndex() throws {
        let error = #expect(throws: (any Error).self) { try SearchIndex(site: URL(fileURLWithPath: "/nonexistent")) }
        #expect("\(error!)".contains("build the site first"))
    }
}

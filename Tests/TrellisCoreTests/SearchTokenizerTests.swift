import Foundation
import Testing

@testable import TrellisCore

/// The tokenizer cases `search.js` is tested against too (Tests/Fixtures/search/tokenizer-cases.json).
enum TokenizerCases {
    static var all: [String: Any] {
        let url = Repository.fixtures.appendingPathComponent("search/tokenizer-cases.json")
        let data = (try? Data(contentsOf: url)) ?? Data("{}".utf8)
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    static func pairs(_ name: String) -> [[String]] {
        (all[name] as? [[Any]] ?? []).map { $0.compactMap { $0 as? String } }
    }

    static let fold = pairs("fold")
    static let stems = pairs("stems")
    static let tokens: [(text: String, mode: String, tokens: [String])] = (all["tokens"] as? [[Any]] ?? []).map {
        ($0[0] as! String, $0[1] as! String, $0[2] as! [String])
    }
    static let queries: [(query: String, terms: [String])] = (all["queries"] as? [[Any]] ?? []).map {
        ($0[0] as! String, $0[1] as! [String])
    }
}

@Suite("Search tokenizer")
struct SearchTokenizerTests {
    @Test("the shared cases file loads")
    func casesLoad() {
        #expect(TokenizerCases.fold.count > 5)
        #expect(TokenizerCases.tokens.count > 5)
    }

    @Test("folding case, diacritics and compatibility forms", arguments: TokenizerCases.fold)
    func fold(_ pair: [String]) {
        #expect(SearchTokenizer.fold(pair[0]).unicodeScalars.elementsEqual(pair[1].unicodeScalars))
    }

    @Test("words, numbers, CJK bigrams, stop words", arguments: TokenizerCases.tokens.indices)
    func tokens(_ index: Int) {
        let item = TokenizerCases.tokens[index]
        let mode: SearchTokenizer.Mode = item.mode == "query" ? .query : .index
        #expect(SearchTokenizer.tokens(item.text, mode: mode) == item.tokens, "\(item.text)")
    }

    @Test("the stemmer only cuts endings", arguments: TokenizerCases.stems)
    func stem(_ pair: [String]) {
        #expect(SearchTokenizer.stem(pair[0]) == pair[1])
        #expect(pair[0].hasPrefix(pair[1]))
    }

    @Test("queries: tags, words, stop words, repeats", arguments: TokenizerCases.queries.indices)
    func query(_ index: Int) {
        let item = TokenizerCases.queries[index]
        let terms = SearchQuery(item.query, stopWords: SearchTokenizer.stopWords).terms
        #expect(terms.map { String(decoding: $0.text, as: UTF16.self) } == item.terms, "\(item.query)")
    }

    @Test("tag terms")
    func tagTerms() {
        #expect(SearchTokenizer.tagTerm("Systems/Storage") == "#systems/storage")
        #expect(SearchTokenizer.tagTerm("#c++") == "#c")
        #expect(SearchTokenizer.tagTerm("++") == nil)
    }

    @Test(
        "the byte-wise JSON escaper agrees with JSON.string",
        arguments: [
            "plain", "quote \" and \\ back", "<script>&amp;</script>", "tab\tline\nreturn\r", "\u{1}\u{1F}",
            "\u{2028}\u{2029}",
            "café 東京 😀", "", "\u{E2}",
            // One character to escape, alone: the path for text with nothing to escape must see it.
            "a < b", "a > b", "a & b", "a \\ b", "a \" b", "a \u{7} b", "a \u{2028} b", "l’été … “q”",
        ])
    func json(_ text: String) {
        #expect(SearchFormat.json(text) == JSON.string(text))
    }

    @Test(
        "derived slugs",
        arguments: [
            ("Cache invalidation", "cache-invalidation"), ("How does DNS work?", "how-does-dns-work"),
            ("v2.1 -- notes_", "v2.1-notes"),
            ("Résumé", nil), ("???", nil), ("  A  b ", "a-b"),
        ] as [(String, String?)])
    func slugs(_ name: String, _ expected: String?) {
        #expect(SearchFormat.derivedSlug(name) == expected)
        if let expected { #expect(Slug.heading(name) == expected) }
    }

    @Test("excerpts: the ASCII fast path collapses white space as the scalar path does")
    func excerptFastPath() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab .,\t\n\r  ".unicodeScalars)
        for _ in 0..<2000 {
            let length = Int.random(in: 0...40, using: &generator)
            let text = String(
                String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
            let limit = Int.random(in: 1...12, using: &generator)
            let fast = SearchNoteAnalysis.collapseStart(text, limit)
            let slow = SearchNoteAnalysis.collapseScalars(text, limit)
            #expect(fast.0 == slow.0 && fast.1 == slow.1, "\(text.debugDescription) \(limit)")
        }
        #expect(SearchNoteAnalysis.excerpt("  Caching   keeps\n a copy. ", 160) == "Caching keeps a copy.")
    }

    @Test("derived URLs: the byte path for ASCII paths gives what the character path gives")
    func derivedURL() {
        let paths = [
            "Notes/Cache Invalidation.md", "a//b.md", "/a.md", "a/", "", "/", ".md", "a/.md", "a.b.c.md",
            "x/y_z-w/V 2.1.md",
            "noext", "a/b/.hidden", "-a-/b-.md", "a/??/b.md", "tab\tname.md",
        ]
        var generator = SeededRandom(seed: 19)
        let alphabet = Array("aZ9._- /?\t".utf8)
        let random = (0..<3000).map { _ in
            String(
                decoding: (0..<Int.random(in: 0...14, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator)!
                }, as: UTF8.self)
        }
        for path in paths + random {
            #expect(SearchFormat.derivedURL(path: path) == SearchFormat.characterDerivedURL(path: path), "\(path)")
        }
        #expect(SearchFormat.derivedURL(path: "Café/Menu.md") == nil)
        #expect(SearchFormat.derivedURL(path: "Notes/Cache Invalidation.md") == "notes/cache-invalidation.html")
    }

    @Test("excerpts: the ASCII path cuts and trims as the character path does")
    func asciiExcerpt() {
        var generator = SeededRandom(seed: 19)
        let alphabet = Array("ab .,!?;:-_()[]{}'\"@#%&*/\\$+<=>^`|~09\u{1}\u{7F}".utf8)
        for _ in 0..<3000 {
            let length = Int.random(in: 0...30, using: &generator)
            let text = String(
                decoding: (0..<length).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
            let limit = Int.random(in: 2...12, using: &generator)
            let (collapsed, more) = SearchNoteAnalysis.collapseStart(text, limit * 2)
            #expect(
                SearchNoteAnalysis.asciiExcerpt(collapsed, more, limit)
                    == SearchNoteAnalysis.characterExcerpt(collapsed, more, limit), "\(text.debugDescription) \(limit)")
        }
    }

    @Test("numbers survive the shard alphabet", arguments: [0, 1, 43, 44, 45, 1935, 1936, 85_183, 85_184, 1 << 30])
    func numbers(_ number: Int) {
        let text = SearchFormat.encode([number, 7, number])
        #expect(SearchFormat.decode(text) == [number, 7, number])
        #expect(!text.contains { "\"\\<>&".contains($0) })
    }
}

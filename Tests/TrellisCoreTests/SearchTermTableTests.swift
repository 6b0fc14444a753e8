import Testing

@testable import TrellisCore

@Suite("Search term table and byte-wise tokens")
struct SearchTermTableTests {
    /// Text the byte-wise path cuts and lowers itself, next to text it hands to the Unicode path.
    static let tricky = [
        "Don't stop-believing!", "it's O'Brien’s l’été", "v1.2.3 IPv6 404 3.14e10 0x1F", "snake_case kebab-case a/b\\c",
        "Café CAFÉ Cafe\u{301} crème brûlée", "東京都は日本 Swift言語です", "한국어 검색", "emoji 😀👍🏽 flags 🇫🇷 a😀b",
        "MiXeD CaSe ÄÖÜ ǅungla", "Ｆｕｌｌ　ｗｉｄｔｈ ﬁle Straße İstanbul ΟΔΟΣ", "x²+y² ½ Ⅻ", "THE And oF tHeIr InTo",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa é\(String(repeating: "a", count: 39))",
        "tab\tnew\nline\r\n\u{0}nul", "ends with é", "", "   ", "a", "Z9", "über-cool naïve_résumé",
    ]

    @Test("the byte-wise path gives the terms of folding the whole text", arguments: tricky)
    func bytesAgreeWithUnicode(_ text: String) {
        for mode in [SearchTokenizer.Mode.index, .query] {
            var slow: [String] = []
            let stopWords = SearchTokenizer.StopWords.standard
            SearchTokenizer.words(of: SearchTokenizer.fold(text), mode: mode, stopWords: stopWords) { slow.append($0) }
            #expect(SearchTokenizer.tokens(text, mode: mode) == slow, "\(text.debugDescription)")
        }
    }

    @Test("stop words: packed look-up agrees with the set", arguments: [false, true])
    func stopWords(_ long: Bool) {
        let words: Set<String> = long ? ["of", "a", "extraordinarily"] : SearchTokenizer.stopWords
        let stop = SearchTokenizer.StopWords(words)
        #expect((stop.packed == nil) == long)
        for word in words.union(["", "o", "ofa", "the", "thea", "th", "their", "theirs", "extraordinarily", "x"]) {
            var copy = word
            #expect(copy.withUTF8 { stop.contains($0) } == words.contains(word), "\(word)")
        }
    }

    @Test("the table finds every term it was given, in the order first met, through growth")
    func table() {
        var table = SearchTermTable<Int>(capacity: 1)
        let terms = (0..<8000).map { "t\($0 * 7919 % 5003)" } + ["", "é", "東京", "a\u{0}", "a"]
        for (index, term) in terms.enumerated() {
            var copy = term
            let place = copy.withUTF8 { table.place(of: $0) { 0 } }
            table.values[place] += index + 1
        }
        var expected: [String: Int] = [:]
        var order: [String] = []
        for (index, term) in terms.enumerated() {
            if expected[term] == nil { order.append(term) }
            expected[term, default: 0] += index + 1
        }
        #expect(table.count == order.count)
        #expect((0..<table.count).map(table.key) == order)
        #expect((0..<table.count).map { table.values[$0] } == order.map { expected[$0]! })
        #expect(table.compactedKeys() == table.keys)
    }
}

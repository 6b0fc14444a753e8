import Testing

@testable import TrellisCore

@Suite("HTML the core writes")
struct HTMLTests {
    @Test(
        "a tag or comment in a label is omitted; other angle brackets stay, to be escaped",
        arguments: [
            ("<b onmouseover=alert(3)>label</b>", "label"),
            ("a <i>b</i> c", "a b c"),
            ("x<!-- note -->y", "xy"),
            ("1 < 2 > 0", "1 < 2 > 0"),
            ("<3 and <>", "<3 and <>"),
            ("<b unclosed", "<b unclosed"),
            ("<a <b>c", "<a c"),
            ("<!-- open", "<!-- open"),
            ("é <em>ü</em>", "é ü"),
        ])
    func removingTags(text: String, expected: String) {
        #expect(HTML.removingTags(text) == expected)
    }

    @Test("escaping replaces the five characters, and only them, among any others")
    func escape() {
        #expect(HTML.escape(#"a & b < c > d " e ' f"#) == "a &amp; b &lt; c &gt; d &quot; e &#39; f")
        #expect(HTML.escape("Résumé > Café") == "Résumé &gt; Café")
        let pieces = ["&", "<", ">", "\"", "'", "a", "é", "\u{301}", "☃", "𝄞", " ", "\u{0}"]
        var random = SeededRandom(seed: 11)
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined()
            let expected = text.unicodeScalars.map { scalar -> String in
                switch scalar {
                case "&": "&amp;"
                case "<": "&lt;"
                case ">": "&gt;"
                case "\"": "&quot;"
                case "'": "&#39;"
                default: String(scalar)
                }
            }.joined()
            #expect(HTML.escape(text) == expected)
        }
    }
}

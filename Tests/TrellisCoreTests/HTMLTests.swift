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
}

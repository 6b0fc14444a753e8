import Testing

@testable import TrellisCore

@Suite("Wiki link scanner")
struct WikiLinkScannerTests {
    private func scan(_ text: String) -> [WikiLinkScanner.Match] { WikiLinkScanner.scan(Array(text.utf8)) }

    @Test(
        "targets and labels",
        arguments: [
            ("[[Note]]", "Note", nil),
            ("[[Note|label]]", "Note", "label"),
            ("[[Note#Heading|label]]", "Note#Heading", "label"),
            ("[[ spaced ]]", "spaced", nil),
            ("[[T\\|al]]", "T", "al"),
            ("[[folder/Note.md]]", "folder/Note.md", nil),
            ("[[#Heading]]", "#Heading", nil),
        ] as [(String, String, String?)])
    func targets(text: String, target: String, label: String?) throws {
        let match = try #require(scan(text).first)
        #expect(match.target == target)
        #expect(match.label == label)
        #expect(!match.isEmbed)
        #expect(match.range == 0..<text.utf8.count)
    }

    @Test("embeds start at their !")
    func embeds() throws {
        let match = try #require(scan("see ![[image.png|300]]").first)
        #expect(match.isEmbed)
        #expect(match.range.lowerBound == 4)
        #expect(match.label == "300")
    }

    @Test(
        "escapes and broken brackets are not links",
        arguments: ["\\[[Escaped]]", "[[]]", "[[open", "[ [x]]", "\\![[x]] is"])
    func notLinks(text: String) {
        let matches = scan(text)
        if text.hasPrefix("\\![[") {
            #expect(matches.count == 1 && !matches[0].isEmbed)  // the ! is escaped, the link is not
        } else {
            #expect(matches.isEmpty)
        }
    }

    @Test("several links on a line, and a nested opening restarts")
    func several() {
        #expect(scan("[[a]] and [[b|c]], [[x [[y]]").map(\.target) == ["a", "b", "y"])
    }
}

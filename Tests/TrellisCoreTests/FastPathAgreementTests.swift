import Foundation
import Testing

@testable import TrellisCore

/// Each fast path in the parse and the resolve must give what the general code it shortcuts
/// gives: these tables put both on inputs chosen to tell them apart.
@Suite("Fast paths agree with the general code")
struct FastPathAgreementTests {
    @Test(
        "a link target reads the same on bytes as on characters",
        arguments: [
            "", " ", "\t", "#", "##", "#^", "^", "Note", " Note ", "\tNote\n", "Note#", "Note# ", "Note#^",
            "Note#^id", "Note#^ id ", "Note# ^id", "Note #^id", "Note#^id#x", "Note#A#B", "Note#A##B", "Note# A # B #",
            " a # b ## c ", "#Heading", "# Heading", "#^block", "a/b/Note.md#H", "Note\r\n#H", "Note#H\u{0B}",
            "Note\u{0C}", "Note#\u{0301}x", "Résumé#Été", "Note#\u{3000}H", "\u{85}Note",
        ])
    func linkTarget(text: String) {
        #expect(LinkTarget(parsing: text) == LinkTarget(parsingCharacters: text))
    }

    @Test(
        "a URL with no % is its own percent-decoding",
        arguments: ["", "Note.md", "a b/c.md#H", "Résumé.md", "Cafe\u{0301}.md", "x#y#z", "\u{3000}"])
    func percentDecoding(url: String) {
        #expect((url.removingPercentEncoding ?? url) == url)
    }
}

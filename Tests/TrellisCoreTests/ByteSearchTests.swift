import Testing

@testable import TrellisCore

/// The byte searches the reference renderer finds markers and attributes with: the same answers
/// as the standard library's searches, on text with multi-byte characters around the hits.
@Suite("byte search")
struct ByteSearchTests {
    static let cases: [(text: String, needle: String)] = [
        ("<a href=\"x\">", " href=\""),
        ("é<a title=\"ü\" href=\"x\">", " href=\""),
        ("\u{1}/12\u{2}", "\u{1}/12\u{2}"),
        ("\u{1}/1\u{2}x\u{1}/12\u{2}", "\u{1}/12\u{2}"),
        ("\u{1}/1", "\u{1}/12\u{2}"),
        ("日本語\u{1}/3\u{2}", "\u{1}/3\u{2}"),
        ("", "x"),
        ("abc", ""),
    ]

    @Test("firstByteRange finds what firstRange finds", arguments: cases)
    func sameAsStandardLibrary(text: String, needle: String) {
        let inner = ("«" + text + "»").dropFirst().dropLast()
        #expect(inner.firstByteRange(of: needle) == inner.utf8.firstRange(of: needle.utf8))
    }

    @Test("firstIndex(ofByte:) finds what firstIndex(of:) finds", arguments: cases)
    func sameByte(text: String, needle: String) {
        let inner = ("«" + text + "»").dropFirst().dropLast()
        for byte: UInt8 in [0x01, 0x02, 0x22, 0x3C, 0x78] {
            #expect(inner.firstIndex(ofByte: byte) == inner.utf8.firstIndex(of: byte))
            if let from = inner.utf8.firstIndex(of: byte) {
                let after = inner.utf8.index(after: from)
                #expect(inner.firstIndex(ofByte: byte, from: after) == inner.utf8[after...].firstIndex(of: byte))
            }
        }
    }
}

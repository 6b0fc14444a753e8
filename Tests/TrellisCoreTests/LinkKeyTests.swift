import Testing

@testable import TrellisCore

@Suite("Link keys")
struct LinkKeyTests {
    @Test("an ASCII name is lower-cased byte for byte, every byte tried, at every length")
    func ascii() {
        let bytes = (1..<128).map { UInt8($0) }
        for length in [1, 15, 16, 40, 127] {
            for start in stride(from: 0, to: bytes.count, by: 7) {
                let name = String(decoding: (0..<length).map { bytes[(start + $0) % bytes.count] }, as: UTF8.self)
                #expect(LinkKey.of(name) == name.lowercased())
            }
        }
    }

    @Test("beyond ASCII: composed and lower-cased, so NFC, NFD and case all meet")
    func unicode() {
        #expect(LinkKey.of("Re\u{0301}sume\u{0301} Tips") == "résumé tips")
        #expect(LinkKey.of("RÉSUMÉ Tips") == LinkKey.of("résumé tips"))
        #expect(LinkKey.of("ÅNGSTRÖM/Über") == "ångström/über")
    }
}

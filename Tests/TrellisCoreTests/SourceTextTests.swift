import Foundation
import Testing

@testable import TrellisCore

@Suite("Decoding notes")
struct SourceTextTests {
    @Test("a UTF-8 byte order mark is dropped")
    func byteOrderMark() {
        let source = SourceText(decoding: [0xEF, 0xBB, 0xBF] + Array("# Hi\n".utf8))
        #expect(source.string == "# Hi\n")
        #expect(source.invalidUTF8At == nil)
    }

    @Test("CRLF, lone CR and LF all end lines, as in cmark")
    func lineEndings() {
        let source = SourceText(decoding: Array("a\r\nb\rc\nd".utf8))
        #expect(source.lineStarts == [0, 3, 5, 7])
        #expect(source.line(ofOffset: 6) == 3)
    }

    @Test("invalid UTF-8 is replaced and its first place reported")
    func invalidBytes() {
        let source = SourceText(decoding: Array("ok\nab".utf8) + [0xFF, 0xFE] + Array("c".utf8))
        #expect(source.invalidUTF8At?.line == 2)
        #expect(source.invalidUTF8At?.column == 3)
        #expect(source.string.contains("\u{FFFD}"))
    }

    @Test("control characters cannot reach the renderer")
    func controlCharacters() {
        let source = SourceText(decoding: Array("a\u{1}b\u{2}c\td".utf8))
        #expect(source.string == "a\u{FFFD}b\u{FFFD}c\td")
    }

    @Test("columns count characters, a tab counting one")
    func characterColumns() {
        let source = SourceText(decoding: Array("\té [[x]]".utf8))
        // "\t" is 1 byte, "é" 2 bytes: `[[` starts at byte offset 4, the 4th character.
        #expect(source.characterColumn(ofOffset: 4) == 4)
    }
}

@Suite("reading files")
struct ReadFileTests {
    @Test("a file's bytes come back exactly: empty, small, larger than a read chunk")
    func exactBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [0, 1, 4095, 4096, 200_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let file = folder.appendingPathComponent("\(size).md")
            try Data(bytes).write(to: file)
            #expect(NoteParser.readFile(file) == bytes, "\(size) bytes")
        }
        #expect(NoteParser.readFile(folder.appendingPathComponent("missing.md")) == nil)
    }

    @Test("a file longer than its size said when opened is read to its end")
    func grownFile() throws {
        // Files under /proc report a size of 0 and then have content.
        let status = try #require(NoteParser.readFile(URL(fileURLWithPath: "/proc/self/status")))
        #expect(String(decoding: status, as: UTF8.self).contains("VmRSS"))
    }
}

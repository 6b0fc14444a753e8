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

    @Test(
        "text that is not all ASCII is validated; control characters go in it too",
        arguments: [("é\u{1}x", "é\u{FFFD}x"), ("é x", "é x"), ("a\u{1}", "a\u{FFFD}"), ("a", "a")])
    func nonASCII(text: String, expected: String) {
        let source = SourceText(decoding: Array(text.utf8))
        #expect(source.string == expected)
        #expect(source.invalidUTF8At == nil)
        let damaged = SourceText(decoding: Array(text.utf8) + [0xC3])
        #expect(damaged.invalidUTF8At?.line == 1)
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

@Suite("Columns on long lines")
struct LongLineColumnTests {
    /// One line of `count` units `é [[T]] [l](T.md) `: 18 characters each, the wiki link at the
    /// unit's 3rd character and the Markdown link at its 9th.
    static func longLine(_ count: Int, accent: String) -> String {
        "# H\n\n" + String(repeating: "\(accent) [[T]] [l](T.md) ", count: count) + "\n"
    }

    @Test("links at the end of a 20,000-link line have their columns", arguments: ["é", "e"])
    func columnsAtTheEnd(accent: String) {
        let note = parse(Self.longLine(10_000, accent: accent))
        let references = note.markdown.references
        #expect(references.count == 20_000)
        for (index, reference) in references.enumerated().suffix(4) {
            let unit = index / 2
            let expected = reference.kind == .wikiLink ? 18 * unit + 3 : 18 * unit + 9
            #expect(reference.line == 3)
            #expect(reference.column == expected, "reference \(index), \(reference.kind)")
        }
    }

    @Test("a line is read once however many columns are asked on it")
    func oneReadPerLine() {
        let source = SourceText(decoding: Array(Self.longLine(2_000, accent: "é").utf8))
        var finder = ColumnFinder(source: source)
        let lineStart = source.lineStarts[2]
        for unit in 0..<2_000 {
            // "é" is 2 bytes: a unit is 19 bytes, its `[[` 3 bytes in.
            #expect(finder.column(ofOffset: lineStart + 19 * unit + 3) == 18 * unit + 3)
        }
        #expect(finder.column(ofOffset: 0) == 1)
        #expect(finder.linesRead == 2)
    }
}

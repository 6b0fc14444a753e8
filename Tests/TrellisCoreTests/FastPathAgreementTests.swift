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
        "a heading matches a link's heading key as the key of the heading would",
        arguments: [
            ("Real dark hold", "real dark hold"), ("Real dark hold", "real dark"), ("Real dark", "real dark hold"),
            ("  Spaced   out  ", "spaced out"), ("Spaced out", "spaced  out"), ("A: B", "a b"), ("A:B", "ab"),
            ("A : B", "a b"), ("#Tag", "tag"), ("[x] | y ^ %", "x y"), ("", ""), (" ", ""), (":", ""), ("a", ""),
            ("", "a"), ("Tab\there", "tab here"), ("Line\u{0B}feed", "line feed"), ("CAPS", "caps"),
            ("caps", "CAPS"), ("Été", "été"), ("Cafe\u{0301}", "café"), ("a b", "a b "), ("a b ", "a b"),
        ])
    func headingKey(heading: String, key: String) {
        #expect(LinkKey.heading(heading, matches: key) == (LinkKey.heading(heading) == key))
    }

    @Test(
        "whether a wiki link may be cut apart reads the same with memchr as byte by byte",
        arguments: [
            "", "[", "[[", "[[x]]", "[[*x]]", "[[x*]]", "[[x]]*", "*[[x]]", "[[x\n*]]", "[[x*\n]]", "[[x*\r]]",
            "[[[*x]]", "[[]]*]]", "[[*]]", "[]]*[[x]]", "[[x]][[*y]]", "[[x]] [[y _z]]", "[[x [[y `z]]", "[ [*]]",
            "a\n[[<b>]]", "[[x]\n]*]]", "[[`a`b`c.png]]", "x[[", "x[[*", "[[*x]", "[[*x] ]", "\r\n[[_x]]\r\n",
        ])
    func linkPrecedence(text: String) {
        let bytes = Array(text.utf8)
        #expect(LinkPrecedence.mayApply(to: bytes) == LinkPrecedence.mayApplyByteByByte(to: bytes))
    }

    @Test(
        "line starts and the preprocessor's test read the same with memchr as byte by byte",
        arguments: [
            "", "a", "\n", "\n\n", "a\nb", "a\n", "\r", "a\r\nb", "a\rb\nc\r\n", "%%", "%", "a%%b", "%a%", "% %",
            "%\n%", "[^", "^", "[^1]: x", "a\n[^1]: x", "a\r[^1]", "a [^1]", "x\n [^1]", "[[^", "\n[^", "^[", "[ ^",
            "%%\n[^", "ab\n\n%x%%", "a^[b]", "^[", "x ^\n[", "\n^[",
        ])
    func byteScans(text: String) {
        let bytes = Array(text.utf8)
        let general = bytes.withUnsafeBufferPointer { SourceText.lineStartsByteByByte(of: $0) }
        #expect(SourceText.lineStarts(of: bytes) == general)
        #expect(Preprocessor.mayApply(to: bytes) == Preprocessor.mayApplyByteByByte(to: bytes))
    }

    @Test(
        "a text node's alignment with its source is the same verbatim as byte by byte",
        arguments: [
            ("plain text", "plain text"), ("", ""), ("a\\b", "a\\\\b"), ("[x", "\\[x"), ("a&b", "a&amp;b"),
            ("&", "&foo;"), ("a & b", "a & b"), ("a \\ b", "a \\ b"), ("\\\\", "\\\\"), ("é", "&eacute;"),
            ("é", "é"), ("ab", "ab and more"), ("abc", "ab"), ("x", "y"), ("&amp;", "&amp;"), ("a;b", "a;b"),
        ])
    func rawAlignment(literal: String, raw: String) {
        let literal = Array(literal.utf8)
        for prefix in ["", "> "] {
            let raw = Array((prefix + raw).utf8)
            let rawStart = prefix.utf8.count
            let fast = RawAlignment(literal: literal, raw: raw, rawStart: rawStart)
            let general = RawAlignment(aligning: literal, raw: raw, rawStart: rawStart)
            #expect((fast == nil) == (general == nil))
            guard let fast, let general else { continue }
            #expect(fast.rawEnd == general.rawEnd)
            for index in 0...literal.count {
                #expect(fast.rawOffset(ofLiteral: index) == general.rawOffset(ofLiteral: index))
            }
            for offset in -1...(raw.count + 1) {
                #expect(fast.literalIndex(ofRaw: offset) == general.literalIndex(ofRaw: offset))
            }
        }
    }

    @Test(
        "the scanners read a slice on its memory and tell places in the slice's own indexes",
        arguments: [
            "[[Note]]", "a ![[Embed|300]] b", "\\[[x]] [[y]]", "x ==mark== ~~del~~ #tag $m$ [^1] | [[A]]",
            "[[a [[b]]", "![[x]] \\![[y]]", "[[T\\|al]] c", "#a [[b#c]] #d/e",
        ])
    func slices(text: String) {
        let bytes = Array(text.utf8)
        let padded = Array("pad ]]\\".utf8) + bytes
        let offset = padded.count - bytes.count
        let links = WikiLinkScanner.scan(bytes)
        #expect(WikiLinkScanner.scan(padded[offset...]).map(\.range) == links.map { $0.range.shifted(by: offset) })
        #expect(WikiLinkScanner.scan(padded[offset...]).map(\.target) == links.map(\.target))
        let tokens = InlineScanner.scan(bytes[...], atBoundary: true, tableCells: true)
        let shifted = InlineScanner.scan(padded[offset...], atBoundary: true, tableCells: true)
        #expect(shifted.map(\.range) == tokens.map { $0.range.shifted(by: offset) })
        for item in shifted {
            if case .wikiLink(let match) = item.token { #expect(match.range == item.range) }
        }
        #expect(!tokens.isEmpty)
    }

    @Test("the inline scanner finds a token only at a byte it may start at", arguments: 0...255)
    func tokenStarts(value: Int) {
        let byte = UInt8(value)
        guard !InlineScanner.mayStartToken(byte) else { return }
        let letter = UInt8(ascii: "a")
        for context in [
            [byte, byte, letter, byte, byte], [byte, letter, byte], [byte, UInt8(ascii: "^"), letter, 93],
        ] {
            for (atBoundary, tableCells) in [(true, true), (false, false), (true, false)] {
                let token = context.withUnsafeBufferPointer {
                    InlineScanner.token(
                        at: 0, in: $0, atBoundary: atBoundary, tableCells: tableCells, before: context.count)
                }
                #expect(token == nil)
            }
        }
    }

    @Test(
        "a plain relative path is given back as the general cleaning gives it",
        arguments: [
            "Note.md", "a/b/Note.md", "a b/c d.md", "...", ".../x", "a/...", ".hidden/x", "x/.hidden", "a..b/c",
            "./a", "a/.", "a/./b", "../a", "a/..", "a/../b", "..", ".", "/a", "a/", "a//b", "", "a\\b", "/",
            "a/\u{301}b", "./\u{301}", "a/.\u{301}", "é/ü.md",
        ])
    func plainPath(path: String) {
        for folder in ["", "Projects/Alpha"] {
            for pathRelative in [true, false] {
                let general = PathNormaliser.cleaned(path, relativeTo: folder, pathRelative: pathRelative)
                #expect(PathNormaliser.normalise(path, relativeTo: folder, pathRelative: pathRelative) == general)
                if PathNormaliser.isPlain(path) { #expect(general?.relative == path) }
            }
        }
    }

    @Test(
        "a path with `.`, `..` or `\\` cleans the same on bytes as on characters",
        arguments: [
            "../a.md", "../../a/b.md", "./a", "a/./b", "a/../b", "a/..", "..", "../..", "../../..", ".", "/a", "/../a",
            "/a/../b", "a//b", "a/", "/", "", "a\\b", "..\\a", "\\a", "a/.../b", "a/..b/c", ".hidden/../x", "./../a",
            "a/b/c/../../../d", "a/b/../../..",
        ])
    func cleanedPath(path: String) {
        for folder in ["", "Projects", "Projects/Alpha", "Projects/Alpha/2021"] {
            for pathRelative in [true, false] {
                #expect(
                    PathNormaliser.cleanedASCII(
                        Array(path.utf8), relativeTo: Array(folder.utf8), pathRelative: pathRelative)
                        == PathNormaliser.cleanedCharacters(path, relativeTo: folder, pathRelative: pathRelative))
            }
        }
    }

    @Test("the test for extension bytes agrees with reading byte after byte")
    func extensionBytes() {
        // Every string of up to three of these bytes, inside and outside a table.
        let alphabet: [UInt8] = [
            0x23, 0x24, 0x7C, 0x5B, 0x7E, 0x3D, 0x5E, Preprocessor.inlineFootnoteMarker, 0x61, 0xC3,
        ]
        var texts: [[UInt8]] = [[]]
        for _ in 0..<3 { texts += texts.flatMap { text in alphabet.map { text + [$0] } }.filter { $0.count <= 3 } }
        let walker = TreeWalker(body: [], source: SourceText(decoding: []), options: MarkdownOptions())
        for text in Set(texts) {
            for inTable in [true, false] {
                var previous: UInt8 = 0
                var expected = false
                for byte in text {
                    switch (previous, byte) {
                    case (_, 0x23), (_, 0x24), (0x5B, 0x5B), (0x7E, 0x7E), (0x3D, 0x3D), (0x5B, 0x5E): expected = true
                    case (_, 0x7C) where inTable: expected = true
                    case (_, Preprocessor.inlineFootnoteMarker): expected = true
                    default: break
                    }
                    previous = byte
                }
                let found = text.withUnsafeBufferPointer { walker.mayHoldExtensions($0, inTable: inTable) }
                #expect(found == expected, "\(text) in a table: \(inTable)")
                // Among plain bytes, at every place around the test's blocks of sixteen.
                for offset in [0, 1, 13, 14, 15, 16, 17, 30, 31, 32, 45] {
                    let padded = [UInt8](repeating: 0x61, count: offset) + text + [UInt8](repeating: 0x61, count: 9)
                    let found = padded.withUnsafeBufferPointer { walker.mayHoldExtensions($0, inTable: inTable) }
                    #expect(found == expected, "\(text) after \(offset) bytes, in a table: \(inTable)")
                }
            }
        }
    }

    @Test(
        "the inline scanner's skip over plain bytes stops at an escape: an escaped byte starts no token",
        arguments: [
            "a\\==b==", "a\\~~b~~", "a \\#tag", "a\\$x$ $y$", "a\\[^1] [^2]", "a\\|b|c", "\\\\==b==", "x\\[[y]]",
        ])
    func escapes(text: String) {
        let bytes = Array(text.utf8)
        let escaped = bytes.firstIndex(of: UInt8(ascii: "\\"))! + 1
        let found = InlineScanner.scan(bytes[...], atBoundary: true, tableCells: true)
        #expect(!found.contains { $0.range.contains(escaped) })
        #expect(!found.isEmpty || text.contains("#") || text.contains("[["))
    }

    @Test(
        "a tag with nothing to trim skips Foundation and reads the same",
        arguments: [
            "", " ", "a", " a", "a ", "\ta", "a\t", "\u{3000}a", "a\u{3000}", "\u{A0}a", "a\u{85}", "\na", "a\n",
            "#Networking/DNS ", "Été", "été ", "\u{0B}a", "a\u{7F}", "#",
        ])
    func tagTrimming(tag: String) {
        let general = tag.trimmingCharacters(in: .whitespaces)
        if !FrontmatterParser.mayNeedTrimming(tag) { #expect(tag == general) }
    }

    @Test(
        "a URL with no % is its own percent-decoding",
        arguments: ["", "Note.md", "a b/c.md#H", "Résumé.md", "Cafe\u{0301}.md", "x#y#z", "\u{3000}"])
    func percentDecoding(url: String) {
        #expect((url.removingPercentEncoding ?? url) == url)
    }

    static let urls = [
        "", ":", "a:", "https://example.com/x", "HTTPS://x", "mailto:a@b", "java\tscript:alert(1)",
        " JavaScript :x", "\u{01}file:///etc", "data:image/png;base64,x", "DATA:text/html,x", "vbscript:x",
        "notes/javascript.md", "a+b-c.d:x", "1abc:x", "ab_c:x", "-x:y", "x:\u{0301}y", "javascript:\u{0301}",
        "Résumé:x", "r\u{E9}sum\u{E9}.md", "\r\njavascript:x", "abcdefghijklm:x", "abcdefghijkl:x",
        "java\u{A0}script:x", "java\u{2028}script:x", "\u{7F}x:y", "x\r\n:y",
    ]

    /// Random URLs from the bytes that matter to a scheme: letters of both cases, digits, `+-.`,
    /// the colon, whitespace and control bytes, and a few others.
    static func randomURLs(count: Int) -> [String] {
        var random = SeededRandom(seed: 7)
        let pieces =
            Array("aAzZjJsS09+-.:/ \t\n\r\u{0B}\u{01}\u{7F}_@#%").map(String.init) + [
                "javascript", "JavaScript", "data", "file", "vbscript", "é", "\u{0301}", "\u{A0}",
            ]
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
    }

    @Test("whether a URL is dangerous reads the same on bytes as on characters")
    func urlSafety() {
        for url in Self.urls + Self.randomURLs(count: 4000) {
            let byCharacter = URLSafety.scheme(url)
            switch URLSafety.asciiScheme(url) {
            case .scheme(let scheme): #expect(scheme == byCharacter, "\(url.debugDescription)")
            case .tooLong: #expect(byCharacter == nil, "\(url.debugDescription)")
            case .notASCII: #expect(url.utf8.contains { $0 >= 0x80 }, "\(url.debugDescription)")
            }
        }
    }

    @Test("whether a Markdown link's URL has a scheme reads the same on bytes as on characters")
    func urlScheme() {
        for url in Self.urls + Self.randomURLs(count: 4000) where url.utf8.allSatisfy({ $0 < 0x80 }) {
            #expect(InternalURL.hasASCIIScheme(url) == InternalURL.hasSchemeByCharacter(url), "\(url.debugDescription)")
        }
    }
}

extension Range<Int> {
    fileprivate func shifted(by offset: Int) -> Range<Int> { (lowerBound + offset)..<(upperBound + offset) }
}

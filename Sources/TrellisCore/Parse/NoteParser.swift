import Foundation

/// Turns a note's bytes into a `Note`: decode, split off frontmatter, read it, parse the body.
/// A pure function of its input, so notes parse in parallel and the result can be cached.
public enum NoteParser {
    public static func parse(path: VaultPath, bytes: [UInt8], options: MarkdownOptions) -> Note {
        let file = path.string
        let source = SourceText(decoding: bytes)
        var diagnostics: [Diagnostic] = []
        if let (line, column) = source.invalidUTF8At {
            diagnostics.append(
                Diagnostic(
                    file: file, line: line, column: column, severity: .error, code: .encoding,
                    message:
                        "file is not valid UTF-8; invalid bytes are shown as \u{FFFD}. Re-save the note as UTF-8"))
        }
        let split = FrontmatterSplit.split(source)
        let (frontmatter, frontmatterProblems) = FrontmatterParser.parse(split, file: file)
        diagnostics += frontmatterProblems
        let markdown = CmarkBridge.parse(body: split.body, source: source, options: options)
        for place in markdown.unsafeURLs {
            diagnostics.append(
                Diagnostic(
                    file: file, line: place.line, column: place.column, severity: .warning, code: .unsafeURL,
                    message: "link URL that could run code (javascript:, vbscript:, file: or data:) removed"))
        }
        for place in markdown.omittedHTML {
            diagnostics.append(
                Diagnostic(
                    file: file, line: place.line, column: place.column, severity: .info, code: .rawHTMLOmitted,
                    message: "raw HTML omitted (set unsafe_html = true in trellis.toml to keep it)"))
        }
        for problem in markdown.mathProblems {
            diagnostics.append(
                Diagnostic(
                    file: file, line: problem.place.line, column: problem.place.column, severity: .warning, code: .math,
                    message: "formula KaTeX cannot typeset: \(problem.message)"))
        }
        var note = Note(path: path, frontmatter: frontmatter, markdown: markdown, diagnostics: diagnostics)
        note.fileSize = bytes.count
        return note
    }

    /// Reads a file's bytes with one `read` loop; nil when it cannot be read.
    public static func readFile(_ url: URL) -> [UInt8]? { readFile(atPath: url.path)?.bytes }

    /// The file's bytes and its size and time as it was opened.
    static func readFile(atPath path: String) -> (bytes: [UInt8], stamp: FileStamp)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return readFile(descriptor: descriptor)
    }

    /// The bytes of an open file from its current offset, and its size and time.
    static func readFile(descriptor: Int32) -> (bytes: [UInt8], stamp: FileStamp)? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let stamp = FileStamp(info)
        // One byte more than the file's size, so that reading to its end never grows (and copies)
        // the array; a file that grew meanwhile is read on in chunks.
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: max(0, Int(info.st_size)) + 1) { buffer, initialized in
            initialized = 0
            while initialized < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
                if count < 0 && errno == EINTR { continue }
                if count < 0 { failed = true }
                if count <= 0 { break }
                initialized += count
            }
        }
        if !failed && bytes.count > Int(info.st_size) {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count < 0 { failed = true }
                if count <= 0 { break }
                bytes += chunk[..<count]
            }
        }
        if failed { return nil }
        return (bytes, stamp)
    }
}

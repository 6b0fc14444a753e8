import FuzzSupport
@testable import TrellisCore

/// One whole note through the pipeline: parse (cmark, extensions), resolve against itself, render.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let note = NoteParser.parse(path: VaultPath("Fuzz.md"), bytes: bytes, options: MarkdownOptions())
    let resolver = LinkResolver(index: VaultIndex(notes: [note], attachments: []))
    let resolutions = note.markdown.references.map { resolver.resolve($0, from: note.path).resolution }
    let siteMap = SiteMap(notes: [note.path], attachments: [], home: nil)
    let html = ReferenceRenderer(notes: NoteTable([note]), resolutions: [note.path: resolutions], siteMap: siteMap)
        .render(note.path, on: siteMap.pages[note.path]!)
    // Reference markers, the table's cell break, and what comments, inline footnotes and image
    // sizes leave in the body: each is Trellis's own, and none may reach the page.
    precondition(!html.utf8.contains { $0 >= 1 && $0 <= 7 }, "a private marker leaked into the page")
    return 0
}

@_cdecl("FuzzNote_main")
public func entryPoint(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { fuzz($0, $1) }
}

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
    let html = ReferenceRenderer(notes: [note.path: note], resolutions: [note.path: resolutions], siteMap: siteMap)
        .render(note.path, on: siteMap.pages[note.path]!)
    precondition(!html.utf8.contains(1) && !html.utf8.contains(2), "a reference marker leaked into the page")
    return 0
}

@_cdecl("FuzzNote_main")
public func entryPoint(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { fuzz($0, $1) }
}

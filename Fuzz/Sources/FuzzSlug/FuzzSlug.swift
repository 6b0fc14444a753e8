import FuzzSupport
@testable import TrellisCore

/// Slug rules on any text: no crash, only letters, digits, `-` and `.` out, never `..` alone.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let slug = Slug.component(text)
    precondition(slug.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." })
    precondition(!slug.hasPrefix(".") && !slug.hasPrefix("-"))
    var ids = HeadingIDs()
    precondition(!ids.next(for: text).isEmpty)
    _ = SitePath(slug.isEmpty ? "x.html" : slug + ".html").url(to: SitePath("a/b.html"), fragment: text)
    return 0
}

@_cdecl("FuzzSlug_main")
public func entryPoint(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { fuzz($0, $1) }
}

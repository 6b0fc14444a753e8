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

// SwiftPM links an executable's entry point as `FuzzSlug_main`; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

@_cdecl("FuzzSlug_main")
public func entryPoint(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var values = argv
    return runDriver(&count, &values) { data, size in fuzz(data, size) }
}

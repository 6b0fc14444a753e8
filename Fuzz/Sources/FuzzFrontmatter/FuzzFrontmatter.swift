@testable import TrellisCore

/// Frontmatter splitting and reading on any bytes: no crash, and the body keeps every offset.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let source = SourceText(decoding: Array(UnsafeBufferPointer(start: data, count: size)))
    let split = FrontmatterSplit.split(source)
    precondition(split.body.count == source.bytes.count)
    _ = FrontmatterParser.parse(split, file: "fuzz.md")
    return 0
}

// SwiftPM links an executable's entry point as `FuzzFrontmatter_main`; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

@_cdecl("FuzzFrontmatter_main")
public func entryPoint(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var values = argv
    return runDriver(&count, &values) { data, size in fuzz(data, size) }
}

import FuzzSupport
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

@_cdecl("FuzzFrontmatter_main")
public func entryPoint(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { fuzz($0, $1) }
}

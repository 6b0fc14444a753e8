import FuzzSupport
@testable import TrellisCore

/// The wiki-link scanner and the inline scanner on any bytes: no crash, ranges inside the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for match in WikiLinkScanner.scan(bytes) {
        precondition(match.range.lowerBound >= 0 && match.range.upperBound <= bytes.count)
    }
    for found in InlineScanner.scan(bytes[...], atBoundary: true, tableCells: true) {
        precondition(found.range.lowerBound >= 0 && found.range.upperBound <= bytes.count)
    }
    return 0
}

@_cdecl("FuzzWikiLinks_main")
public func entryPoint(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { fuzz($0, $1) }
}

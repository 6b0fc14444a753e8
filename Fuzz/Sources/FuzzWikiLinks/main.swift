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

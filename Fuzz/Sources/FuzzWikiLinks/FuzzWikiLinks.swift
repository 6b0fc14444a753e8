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

// SwiftPM links an executable's entry point as `FuzzWikiLinks_main`; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

@_cdecl("FuzzWikiLinks_main")
public func entryPoint(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var values = argv
    return runDriver(&count, &values) { data, size in fuzz(data, size) }
}

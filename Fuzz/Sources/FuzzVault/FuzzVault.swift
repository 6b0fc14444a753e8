import Foundation
import FuzzSupport
@testable import TrellisCore

/// A whole vault through the whole `check` path and the whole `build` path. The input is cut into
/// notes at each line `====`; a note's first line names its file (hostile names included: any
/// bytes but `/` and NUL, one folder deep at most). Both must end without a trap, and `check`
/// must report exactly what `build` prints.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("trellis-fuzz-vault-\(getpid())")
    try? FileManager.default.removeItem(at: root)
    defer { try? FileManager.default.removeItem(at: root) }
    let vault = root.appendingPathComponent("vault")
    try! FileManager.default.createDirectory(at: vault, withIntermediateDirectories: true)
    for (number, chunk) in text.components(separatedBy: "\n====\n").prefix(16).enumerated() {
        let firstLine = chunk.prefix { $0 != "\n" }
        write(chunk, to: vault, as: fileName(String(firstLine), number: number))
    }
    var timings = StageTimings()
    let checked = try! Pipeline.resolve(RunOptions(vault: vault), render: false, timings: &timings)
    let built = try! Pipeline.build(
        RunOptions(
            vault: vault, output: root.appendingPathComponent("site"), defaultTheme: URL(fileURLWithPath: "Theme")))
    precondition(checked.diagnostics == built.diagnostics, "check and build report different diagnostics")
    return 0
}

/// A file name from a note's first line: at most one folder, no empty or dot-only parts, short
/// enough for the file system; `.md` unless it names an attachment.
private func fileName(_ line: String, number: Int) -> String {
    let parts = line.replacingOccurrences(of: "\0", with: "").split(separator: "/").prefix(2).map { part in
        String(decoding: part.utf8.prefix(60), as: UTF8.self).map { $0 == "." ? "_" : $0 }.reduce(into: "") {
            $0.append($1)
        }
    }.filter { !$0.isEmpty }
    let name = parts.isEmpty ? "note \(number)" : parts.joined(separator: "/")
    return name.hasSuffix("_png") ? name : name + ".md"
}

private func write(_ text: String, to vault: URL, as name: String) {
    let url = vault.appendingPathComponent(name)
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8))
}

@_cdecl("FuzzVault_main")
public func entryPoint(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { fuzz($0, $1) }
}

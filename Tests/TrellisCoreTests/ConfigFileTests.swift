import Foundation
import Testing

@testable import TrellisCore

/// A `trellis.toml` that cannot be read is an error with its place, never the defaults: with the
/// defaults its `ignore` patterns would be dropped and private notes published.
@Suite("Reading trellis.toml")
struct ConfigFileTests {
    /// A vault with a private note and `trellis.toml` holding `bytes`.
    private func vault(_ bytes: [UInt8]) throws -> TemporaryVault {
        let vault = try TemporaryVault(["Index.md": "# Home\n", "private/Secret.md": "secret\n"])
        try Data(bytes).write(to: vault.root.appendingPathComponent(Config.fileName))
        return vault
    }

    private func loadError(_ vault: TemporaryVault) -> Config.ConfigError? {
        #expect(throws: Config.ConfigError.self) { try Config.load(vault: vault.root) }
    }

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var bytes: [UInt8]
        var line: Int?
        var column: Int?
    }

    static let unreadable: [Case] = [
        Case(
            description: "bytes that are not UTF-8",
            bytes: Array("ignore = [\"private/*\"]\ntitle = \"caf".utf8) + [0xE9, 0x22, 0x0A], line: 2, column: 13),
        Case(
            description: "a NUL in a comment, before a key",
            bytes: Array("title = \"x\"\n#".utf8) + [0] + Array("\nignore = [\"private/*\"]\n".utf8), line: 2, column: 2
        ),
        Case(
            description: "an unknown key", bytes: Array("ignore = [\"private/*\"]\nbogus = 1\n".utf8), line: 2,
            column: nil),
        Case(description: "a syntax error", bytes: Array("ignore = [\"private/*\"\n".utf8), line: 1, column: 23),
    ]

    @Test("is an error at its line and column, and the build writes nothing", arguments: unreadable)
    func unreadableText(_ example: Case) throws {
        let vault = try vault(example.bytes)
        defer { vault.remove() }
        let error = loadError(vault)
        #expect(error?.line == example.line)
        #expect(error?.column == example.column)
        #expect(throws: Config.ConfigError.self) { try vault.build() }
        #expect(!FileManager.default.fileExists(atPath: vault.output.path))
    }

    @Test("a folder, a broken link or a named pipe of that name is an error naming the file")
    func notAFile() throws {
        let vault = try TemporaryVault(["Index.md": "# Home\n"])
        defer { vault.remove() }
        let path = vault.root.appendingPathComponent(Config.fileName).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(
            loadError(vault)?.description
                == "trellis.toml: error: it is a folder, not a file; the configuration is a file named trellis.toml")
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "nowhere.toml")
        #expect(loadError(vault)?.description.hasPrefix("trellis.toml: error: cannot read the file") == true)
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o644) == 0)
        #expect(loadError(vault)?.description == "trellis.toml: error: it is not a regular file")
    }

    @Test("no trellis.toml gives the defaults")
    func missing() throws {
        let vault = try TemporaryVault(["Index.md": "# Home\n"])
        defer { vault.remove() }
        #expect(try Config.load(vault: vault.root) == Config())
    }

    @Test(
        "the first byte that is not UTF-8",
        arguments: [
            ([UInt8]("abc".utf8), nil), (Array("é".utf8), nil), ([0x61, 0xC3], 1), ([0x61, 0xFF, 0x62], 1),
            ([0xE2, 0x82, 0x41], 0),
        ] as [([UInt8], Int?)])
    func firstInvalid(_ bytes: [UInt8], _ offset: Int?) {
        #expect(ConfigFile.firstInvalidUTF8(bytes) == offset)
    }
}

import Foundation

extension Config {
    /// Reads `trellis.toml` from a vault folder; a vault without one gets the defaults. One that
    /// is there but cannot be read — a folder of that name, a broken link, bytes that are not
    /// UTF-8, a NUL — is an error: going on with the defaults would drop its `ignore` patterns
    /// and publish the notes they keep out.
    /// The file must be in the vault, and so must the folders it names (`checkPaths`).
    public static func load(vault: URL) throws -> Config {
        guard let bytes = try ConfigFile.read(vault: vault) else { return Config() }
        let text = try ConfigFile.text(bytes)
        let config = try parse(text)
        try config.checkPaths(vault: vault, text: text)
        return config
    }
}

/// The bytes and text of a `trellis.toml`, with an error for each way it can fail to be read.
enum ConfigFile {
    /// The bytes of the vault's `trellis.toml`; nil when there is no file (nor a link) of that
    /// name. A link must lead to a file inside the vault.
    static func read(vault: URL) throws -> [UInt8]? {
        let path = vault.appendingPathComponent(Config.fileName).path
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw Config.ConfigError(message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        if info.st_mode & S_IFMT == S_IFLNK, let target = RealPath.of(URL(fileURLWithPath: path)),
            let root = RealPath.of(vault), !RealPath.isInside(target, root)
        {
            throw Config.ConfigError(
                message:
                    "it is a symbolic link to \(target), outside the vault; the vault's configuration must be a file of the vault"
            )
        }
        // O_NONBLOCK: a named pipe of that name must not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Config.ConfigError(message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else {
            throw Config.ConfigError(message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            throw Config.ConfigError(
                message: "it is a folder, not a file; the configuration is a file named \(Config.fileName)")
        default: throw Config.ConfigError(message: "it is not a regular file")
        }
        guard let (bytes, _) = NoteParser.readFile(descriptor: descriptor) else {
            throw Config.ConfigError(message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        return bytes
    }

    /// The file's text. Bytes that are not UTF-8 and a NUL (TOML's parser, reading a C string,
    /// would stop there and drop every key after it) are errors at their place.
    static func text(_ bytes: [UInt8]) throws -> String {
        if let nul = bytes.firstIndex(of: 0) {
            throw error(at: nul, in: bytes, "a NUL byte, which TOML does not allow")
        }
        if let bad = firstInvalidUTF8(bytes) {
            throw error(at: bad, in: bytes, "bytes that are not UTF-8; save the file as UTF-8")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The offset of the first byte that does not belong to a valid UTF-8 character.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    /// An error at byte `offset`, placed by line and column (in characters, as TOMLKit counts).
    private static func error(at offset: Int, in bytes: [UInt8], _ message: String) -> Config.ConfigError {
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = bytes[..<offset].count { $0 == 0x0A } + 1
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        return Config.ConfigError(line: line, column: column, message: message)
    }
}

import CZlib

/// The bytes of the output folder's manifest: the files the last build wrote, one path a line,
/// compressed with zlib after a magic line, so a large site's list takes a few dozen kilobytes of
/// the folder people publish. A manifest of plain lines (written by an older Trellis, or by hand)
/// is read too.
enum ManifestFile {
    private static let magic = Array("TRELLIS-MANIFEST-2\n".utf8)
    /// zlib's fastest level: the manifest is compressed in the build's last, single-threaded step,
    /// before the site is swapped in, where a higher level only buys a slightly smaller file
    /// (BENCHMARKS.md has the figures).
    private static let level: Int32 = 1

    static func encode(_ files: [String]) -> [UInt8] {
        let plain = Array((files.joined(separator: "\n") + "\n").utf8)
        var length = compressBound(uLong(plain.count))
        var packed = [UInt8](repeating: 0, count: Int(length))
        let status = packed.withUnsafeMutableBufferPointer { out in
            plain.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(plain.count), level)
            }
        }
        guard status == Z_OK else { return plain }  // cannot happen with a large enough buffer
        var header = magic
        header += withUnsafeBytes(of: UInt64(plain.count).littleEndian, Array.init)
        return header + packed.prefix(Int(length))
    }

    /// The paths listed, or nil when the bytes are compressed but damaged.
    static func decode(_ bytes: [UInt8]) -> [String]? {
        guard bytes.starts(with: magic) else { return lines(bytes[...]) }
        let rest = bytes.dropFirst(magic.count)
        guard rest.count >= 8 else { return nil }
        let size = rest.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard size <= 1 << 32 else { return nil }
        var length = uLong(size)
        var plain = [UInt8](repeating: 0, count: Int(size))
        let packed = Array(rest.dropFirst(8))
        let status = plain.withUnsafeMutableBufferPointer { out in
            packed.withUnsafeBufferPointer { input in
                uncompress(out.baseAddress, &length, input.baseAddress, uLong(packed.count))
            }
        }
        guard status == Z_OK, length == uLong(size) else { return nil }
        return lines(plain[...])
    }

    private static func lines(_ bytes: ArraySlice<UInt8>) -> [String] {
        bytes.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
    }
}

import Foundation

/// The mount points of this process's mount namespace, from `/proc/self/mountinfo`.
enum MountTable {
    static func current() -> Set<String> {
        guard let data = FileManager.default.contents(atPath: "/proc/self/mountinfo") else { return [] }
        return points(in: String(decoding: data, as: UTF8.self))
    }

    /// The mount points listed in mountinfo text: each line's fifth field, with the `\040`
    /// escapes (space, tab, newline, backslash) decoded.
    static func points(in text: String) -> Set<String> {
        var points: Set<String> = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count > 4 else { continue }
            points.insert(decoded(fields[4]))
        }
        return points
    }

    private static func decoded(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        var rest = Array(field.utf8)[...]
        while let byte = rest.first {
            if byte == 0x5C, rest.count >= 4,
                let value = UInt8(String(decoding: rest.dropFirst().prefix(3), as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                rest = rest.dropFirst(4)
            } else {
                bytes.append(byte)
                rest = rest.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

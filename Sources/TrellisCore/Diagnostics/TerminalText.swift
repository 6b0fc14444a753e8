/// Text from a vault (file names above all) made safe to print on a terminal.
///
/// A file may be named with an escape character (`\u{1B}[2J` clears the screen), a newline (which
/// fakes a second diagnostic) or a right-to-left override (which reverses what follows). Printed
/// raw, such names drive the reader's terminal; escaped, they show what the name holds. JSON and
/// the GitHub format have escapes of their own and do not go through this.
public enum TerminalText {
    /// `text` with each control character written as an escape: `\t`, `\n`, `\r`, `\x1b` for the
    /// other C0 and C1 controls and DEL, `\u{202e}` for bidirectional and line-separator controls.
    public static func escaped(_ text: String) -> String {
        // Printable ASCII, as most names and messages are, needs no look at its characters.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                let digits = String(scalar.value, radix: 16)
                out += scalar.value < 0x100 ? "\\x" + (digits.count < 2 ? "0" : "") + digits : "\\u{\(digits)}"
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F: true
        // Arabic letter mark, LRM/RLM, line and paragraph separators, embeddings and overrides,
        // isolates.
        case 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

/// A cheap check of a formula's structure, made while the note is parsed: KaTeX itself runs only
/// in the reader's browser (one process per formula at build time would cost far more than the
/// parse), so `check` and `build` report what can be told without it — braces that do not pair,
/// `\begin{x}` closed by `\end{y}` or not at all, `\left` without `\right`. KaTeX may still reject
/// a formula this passes (an unknown command); the page then shows its source in the error style.
enum MathCheck {
    struct Problem: Equatable {
        /// Byte offset in the formula of the character the problem is about.
        var offset: Int
        var message: String
    }

    private enum Opener {
        case brace
        case environment(String)
        case left
    }

    /// The first structural problem of `tex`, or nil.
    static func firstProblem(_ tex: some Collection<UInt8>) -> Problem? {
        var scan = Scan(bytes: Array(tex))
        return scan.run()
    }

    /// One pass over a formula, with the groups open so far.
    private struct Scan {
        let bytes: [UInt8]
        var index = 0
        var open: [(opener: Opener, offset: Int)] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() -> Problem? {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "%"):  // a comment, to the end of the line
                    while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
                    continue
                case UInt8(ascii: "{"):
                    open.append((.brace, index))
                case UInt8(ascii: "}"):
                    guard let last = open.popLast() else { return Problem(offset: index, message: "`}` closes no `{`") }
                    if case .brace = last.opener { break }
                    return Problem(offset: index, message: "`}` comes before \(expectedCloser(last.opener))")
                case UInt8(ascii: "\\"):
                    if let problem = command() { return problem }
                    continue
                default:
                    break
                }
                index += 1
            }
            guard let last = open.last else { return nil }
            return Problem(offset: last.offset, message: unclosed(last.opener))
        }

        /// The command whose backslash is at `index`; moves past it.
        mutating func command() -> Problem? {
            let start = index
            let name = commandName(bytes, after: index)
            index += 1 + max(name.count, 1)
            switch name {
            case "begin", "end":
                guard let (environment, end) = braced(bytes, from: index) else {
                    let message = "`\\\(name)` needs an environment name in braces, as in `\\\(name){matrix}`"
                    return Problem(offset: start, message: message)
                }
                index = end
                if name == "begin" {
                    open.append((.environment(environment), start))
                    return nil
                }
                guard let last = open.popLast() else {
                    return Problem(offset: start, message: "`\\end{\(environment)}` without `\\begin{\(environment)}`")
                }
                if case .environment(let begun) = last.opener, begun == environment { return nil }
                return Problem(
                    offset: start, message: "`\\end{\(environment)}` comes before \(expectedCloser(last.opener))")
            case "left":
                open.append((.left, start))
            case "right":
                guard let last = open.popLast() else {
                    return Problem(offset: start, message: "`\\right` without `\\left`")
                }
                if case .left = last.opener { return nil }
                return Problem(offset: start, message: "`\\right` comes before \(expectedCloser(last.opener))")
            case "middle":
                guard open.contains(where: { if case .left = $0.opener { true } else { false } }) else {
                    return Problem(offset: start, message: "`\\middle` outside `\\left` … `\\right`")
                }
            default:
                break
            }
            return nil
        }
    }

    /// What should have closed `opener` first.
    private static func expectedCloser(_ opener: Opener) -> String {
        switch opener {
        case .brace: "the `}` of an open `{`"
        case .environment(let name): "`\\end{\(name)}`"
        case .left: "the `\\right` of an open `\\left`"
        }
    }

    private static func unclosed(_ opener: Opener) -> String {
        switch opener {
        case .brace: "`{` is never closed"
        case .environment(let name): "`\\begin{\(name)}` has no `\\end{\(name)}`"
        case .left: "`\\left` has no `\\right`"
        }
    }

    /// A control word's letters after the backslash at `index` (empty for a control symbol such
    /// as `\{` or `\\`, which is one character).
    private static func commandName(_ bytes: [UInt8], after index: Int) -> String {
        var end = index + 1
        while end < bytes.count, isLetter(bytes[end]) { end += 1 }
        return String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
    }

    /// `{name}` after optional spaces from `index`: the name and the offset after the `}`.
    private static func braced(_ bytes: [UInt8], from index: Int) -> (String, Int)? {
        var start = index
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{"),
            let close = bytes[(start + 1)...].firstIndex(of: UInt8(ascii: "}"))
        else { return nil }
        return (String(decoding: bytes[(start + 1)..<close], as: UTF8.self).trimmingWhitespace(), close + 1)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}

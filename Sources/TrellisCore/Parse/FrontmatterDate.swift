/// A frontmatter `date` as Obsidian and other site generators write it: `YYYY-MM-DD`, optionally
/// followed by a time (`T` or a space, `HH:MM`, seconds, a fraction, then `Z` or an offset such as
/// `+02:00`). Anything else — another layout, or a day no calendar has (`2024-13-45`,
/// `2023-02-29`, `99999-99-99`) — is not a date: it would go into the feed as it is written, and
/// sort among the dates as text.
struct FrontmatterDate: Equatable, Sendable {
    /// The calendar day as written, `YYYY-MM-DD` (a time's zone does not move it).
    let day: String

    init?(_ text: String) {
        let bytes = Array(text.utf8)[...]
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
            let day = Self.number(bytes[8..<10]),
            year >= 1, (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day),
            bytes.count == 10 || Self.isTime(bytes[10...])
        else { return nil }
        self.day = String(decoding: bytes.prefix(10), as: UTF8.self)
    }

    private static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The digits of `bytes` as a number; nil if any is not a digit.
    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// `THH:MM`, then `:SS`, then `.fraction`, then `Z`, `+HH:MM`, `-HHMM` or nothing (a space may
    /// stand for the `T`, and may come before the zone).
    private static func isTime(_ text: ArraySlice<UInt8>) -> Bool {
        var rest = text
        guard let separator = rest.popFirst(), [UInt8(ascii: "T"), UInt8(ascii: " ")].contains(separator),
            clock(&rest, seconds: true)
        else { return false }
        if rest.first == UInt8(ascii: " ") { rest = rest.dropFirst() }
        guard let zone = rest.popFirst() else { return true }
        if zone == UInt8(ascii: "Z") { return rest.isEmpty }
        guard zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") else { return false }
        if rest.count == 4, let hours = number(rest.prefix(2)), let minutes = number(rest.suffix(2)) {
            return hours <= 23 && minutes <= 59
        }
        return clock(&rest, seconds: false) && rest.isEmpty
    }

    /// Reads `HH:MM` (and with `seconds`, `:SS` and `.fraction` if there) off the front of `rest`.
    private static func clock(_ rest: inout ArraySlice<UInt8>, seconds: Bool) -> Bool {
        guard rest.count >= 5, rest[rest.startIndex + 2] == UInt8(ascii: ":"),
            let hours = number(rest.prefix(2)), let minutes = number(rest.dropFirst(3).prefix(2)),
            hours <= 23, minutes <= 59
        else { return false }
        rest = rest.dropFirst(5)
        guard seconds, rest.first == UInt8(ascii: ":") else { return true }
        guard rest.count >= 3, let second = number(rest.dropFirst().prefix(2)), second <= 60 else { return false }
        rest = rest.dropFirst(3)
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let digits = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard !digits.isEmpty else { return false }
            rest = rest.dropFirst(digits.count)
        }
        return true
    }
}

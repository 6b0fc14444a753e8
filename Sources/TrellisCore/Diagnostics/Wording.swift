/// How counts and lists are put in words in what Trellis prints: "1 note", "2 notes", and a long
/// list cut short ("a, b, c and 97 more") so that one message stays a line, not megabytes.
public enum Wording {
    /// `1 note`, `0 notes`, `2 notes`: `noun` is the singular, made plural with an `s`.
    public static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// The first `limit` items joined with commas, and how many more there are.
    public static func list<Items: Collection<String>>(_ items: Items, atMost limit: Int) -> String {
        let shown = items.prefix(limit).joined(separator: ", ")
        return items.count > limit ? "\(shown) and \(items.count - limit) more" : shown
    }
}

/// How lists are put in words in what Trellis prints: a long list is cut short ("a, b, c and 97
/// more") so that one message stays a line, not megabytes.
public enum Wording {
    /// The first `limit` items joined with commas, and how many more there are.
    public static func list<Items: Collection<String>>(_ items: Items, atMost limit: Int) -> String {
        let shown = items.prefix(limit).joined(separator: ", ")
        return items.count > limit ? "\(shown) and \(items.count - limit) more" : shown
    }
}

/// What a note holds that a script in the reader's browser shows as its author meant: math for
/// KaTeX to typeset, diagrams for Mermaid to draw. A page loads a script only when it (or a note
/// it embeds) has the feature.
public struct ContentFeatures: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `$…$` or `$$…$$`.
    public static let math = ContentFeatures(rawValue: 1 << 0)
    /// A ```` ```mermaid ```` fence.
    public static let diagram = ContentFeatures(rawValue: 1 << 1)
}

/// A formula that `MathCheck` finds malformed, where it is in the note.
public struct MathProblem: Sendable, Hashable {
    public var place: SourcePlace
    public var message: String

    public init(place: SourcePlace, message: String) {
        self.place = place
        self.message = message
    }
}

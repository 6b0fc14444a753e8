/// A problem found in a vault, with the place it was found.
///
/// Detection produces these as values; formatting them (text, JSON, CI annotations) is
/// `DiagnosticFormatter`'s job, so every stage can report without knowing who reads it.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Comparable, CaseIterable {
        case info, warning, error

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// Stable identifiers that scripts and configs can match on.
    public enum Code: String, Sendable, CaseIterable {
        case danglingLink = "dangling-link"
        case missingHeading = "missing-heading"
        case missingBlock = "missing-block"
        case ambiguousLink = "ambiguous-link"
        case unpublishedLink = "unpublished-link"
        case orphanNote = "orphan-note"
        case embedCycle = "embed-cycle"
        case embedLimit = "embed-limit"
        case frontmatter = "frontmatter"
        case encoding = "encoding"
        case unreadable = "unreadable"
        case outputCollision = "output-collision"
        case rawHTMLOmitted = "raw-html-omitted"
        case unsafeURL = "unsafe-url"
        case theme = "theme"
        case config = "config"
        case math = "math"
    }

    /// The vault-relative path of the file, or nil for problems that belong to no file.
    public var file: String?
    /// 1-based line; 0 when the problem belongs to the whole file.
    public var line: Int
    /// 1-based column in characters (a tab counts one); 0 when not known.
    public var column: Int
    public var severity: Severity
    public var code: Code
    public var message: String
    /// The link target as written, for link diagnostics.
    public var target: String?
    /// A suggested fix, such as the closest existing note name.
    public var suggestion: String?

    public init(
        file: String?, line: Int = 0, column: Int = 0, severity: Severity, code: Code,
        message: String, target: String? = nil, suggestion: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.code = code
        self.message = message
        self.target = target
        self.suggestion = suggestion
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in reading order: by file, then line, then column.
    public func sortedByPlace() -> [Diagnostic] {
        sorted {
            ($0.file ?? "", $0.line, $0.column, $0.code.rawValue)
                < ($1.file ?? "", $1.line, $1.column, $1.code.rawValue)
        }
    }

    public func count(of severity: Diagnostic.Severity) -> Int {
        reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }
}

/// A value of Mustache's dynamic model, as JSON has them: for templates rendered with data
/// known only as they render (the Mustache spec's tests). Pages use typed models instead.
enum MustacheValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([MustacheValue])
    case object([String: MustacheValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let list = try? container.decode([MustacheValue].self) {
            self = .list(list)
        } else {
            self = .object(try container.decode([String: MustacheValue].self))
        }
    }

    /// What `{{value}}` shows: nothing for null, a list or an object.
    var text: String? {
        switch self {
        case .null, .list, .object: nil
        case .bool(let bool): bool ? "true" : "false"
        case .number(let number):
            number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let string): string
        }
    }

    /// Whether a section over the value renders: not for null, false or an empty list.
    var isFalsey: Bool {
        switch self {
        case .null, .bool(false): true
        case .list(let list): list.isEmpty
        default: false
        }
    }

    func member(_ name: String) -> MustacheValue? {
        if case .object(let object) = self { object[name] } else { nil }
    }
}

/// The scope of the dynamic model: the values sections have entered, innermost last. A name is
/// looked up as the template renders, in the innermost object that has it.
struct MustacheStack: TemplateScope {
    var values: [MustacheValue]

    func lookup(_ name: String) -> MustacheValue? {
        for value in values.reversed() {
            if let found = value.member(name) { return found }
        }
        return nil
    }

    static func field(named name: String) -> TemplateField<Self>? { .dynamic { $0.lookup(name) } }
    static var current: TemplateField<Self>? { .dynamic { $0.values.last } }
    static var fieldNames: [String] { [] }
    static var scopeName: String { "the data" }
}

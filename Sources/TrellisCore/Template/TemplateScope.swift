/// What the names of a template can be looked up in: a page model, or a section's element on
/// top of the scope around it. Names are looked up when the theme loads, not as pages render.
protocol TemplateScope {
    /// The field `name` stands for here, from the innermost value outwards; nil when none has it.
    static func field(named name: String) -> TemplateField<Self>?
    /// `{{.}}`: the innermost value itself; nil when it is not a plain value.
    static var current: TemplateField<Self>? { get }
    /// Every name this scope knows, for error messages.
    static var fieldNames: [String] { get }
    /// What the scope is, for error messages: "the note page".
    static var scopeName: String { get }
}

/// A type a template can be bound to: a page, or an element of one of its lists. Its fields are
/// one table, `static let fields = ["title": .text { $0.title }, …]`; adding a name the theme
/// can use is adding a line there.
protocol TemplateModel: TemplateScope {
    static var fields: [String: TemplateField<Self>] { get }
    /// What the model is, for error messages: "a note page", "a backlink".
    static var modelName: String { get }
}

extension TemplateModel {
    /// The fields, read through `get` from a model that holds this one.
    static func fields<Outer: TemplateScope>(in get: @escaping @Sendable (Outer) -> Self) -> [String: TemplateField<
        Outer
    >] {
        fields.mapValues { $0.pulledBack(always: get) }
    }
}

/// A model as the outermost scope.
extension TemplateModel {
    static func field(named name: String) -> TemplateField<Self>? { fields[name] }
    static var current: TemplateField<Self>? { nil }
    static var fieldNames: [String] { fields.keys.sorted() }
    static var scopeName: String { modelName }
}

/// The scope inside a section over a list or object: its element, then the scope around it.
struct Stacked<Top: TemplateModel, Outer: TemplateScope>: TemplateScope {
    let top: Top
    let outer: Outer

    static func field(named name: String) -> TemplateField<Self>? {
        if let field = Top.fields[name] { return field.pulledBack(always: { $0.top }) }
        return Outer.field(named: name)?.pulledBack(always: { $0.outer })
    }

    static var current: TemplateField<Self>? { nil }
    static var fieldNames: [String] { Top.fields.keys.sorted() + Outer.fieldNames.filter { Top.fields[$0] == nil } }
    static var scopeName: String { "\(Top.modelName) in \(Outer.scopeName)" }
}

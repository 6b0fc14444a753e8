/// How a template renders into a page: appends to one byte buffer.
typealias TemplateRenderer<Scope> = @Sendable (Scope, inout TemplateOutput) -> Void

/// What a name in a template stands for, read from a value of type `Model`. A page model lists
/// its fields once (`TemplateModel.fields`); the theme's names are checked against them when it
/// loads, and rendering calls these getters, with no lookup by name.
enum TemplateField<Model: TemplateScope>: Sendable {
    /// Text, escaped by `{{name}}`; nil counts as false in a section and renders nothing.
    case string(@Sendable (Model) -> String?)
    case flag(@Sendable (Model) -> Bool)
    /// A list or an object of another model: a section over it renders once per element.
    case nested(any NestedTemplateField<Model>)
    /// A value of the dynamic model (`MustacheValue`), looked up as the page renders.
    case dynamic(@Sendable (Model) -> MustacheValue?)

    static func text(_ get: @escaping @Sendable (Model) -> String) -> Self { .string { get($0) } }
    static func optional(_ get: @escaping @Sendable (Model) -> String?) -> Self { .string(get) }
    static func list<Element: TemplateModel>(_ get: @escaping @Sendable (Model) -> [Element]) -> Self {
        .nested(ListField(get: get))
    }
    static func object<Element: TemplateModel>(_ get: @escaping @Sendable (Model) -> Element?) -> Self {
        .nested(ObjectField(get: get))
    }

    /// The same field read through `get`, for a model that holds a `Model` (nil: the field is
    /// absent).
    func pulledBack<Outer: TemplateScope>(_ get: @escaping @Sendable (Outer) -> Model?) -> TemplateField<Outer> {
        switch self {
        case .string(let read): .string { get($0).flatMap(read) }
        case .flag(let read): .flag { get($0).map(read) ?? false }
        case .nested(let field): .nested(field.pulledBack(get))
        case .dynamic(let read): .dynamic { get($0).flatMap(read) }
        }
    }

    /// The same field read through `get`, for a model that always holds a `Model` (a page's head,
    /// a section's element): unlike the optional `pulledBack`, a read makes no `Optional` of a
    /// generic type, whose type metadata was looked up in the runtime's cache on every read.
    func pulledBack<Outer: TemplateScope>(always get: @escaping @Sendable (Outer) -> Model) -> TemplateField<Outer> {
        switch self {
        case .string(let read): .string { read(get($0)) }
        case .flag(let read): .flag { read(get($0)) }
        case .nested(let field): .nested(field.pulledBack(get))
        case .dynamic(let read): .dynamic { read(get($0)) }
        }
    }

    /// `name` of this field's value (`previous.url`); nil when it has none.
    func member(_ name: String) -> TemplateField<Model>? {
        switch self {
        case .string, .flag: nil
        case .nested(let field): field.member(name)
        case .dynamic(let read): .dynamic { read($0)?.member(name) }
        }
    }
}

/// A list or object field: it knows its element's model, so a section over it can be compiled
/// with the element on top of the scope.
protocol NestedTemplateField<Model>: Sendable {
    associatedtype Model: TemplateScope
    func pulledBack<Outer: TemplateScope>(_ get: @escaping @Sendable (Outer) -> Model?) -> any NestedTemplateField<
        Outer
    >
    func member(_ name: String) -> TemplateField<Model>?
    func section(_ body: [TemplateNode], inverted: Bool, compiler: TemplateCompiler) -> TemplateRenderer<Model>
}

private struct ListField<Model: TemplateScope, Element: TemplateModel>: NestedTemplateField {
    let get: @Sendable (Model) -> [Element]

    func pulledBack<Outer: TemplateScope>(_ outer: @escaping @Sendable (Outer) -> Model?) -> any NestedTemplateField<
        Outer
    > {
        let get = self.get
        return ListField<Outer, Element> { outer($0).map(get) ?? [] }
    }

    func member(_ name: String) -> TemplateField<Model>? { nil }

    func section(_ body: [TemplateNode], inverted: Bool, compiler: TemplateCompiler) -> TemplateRenderer<Model> {
        let get = self.get
        if inverted {
            let render = compiler.compile(body, for: Model.self)
            return { scope, out in if get(scope).isEmpty { render(scope, &out) } }
        }
        let render = compiler.compile(body, for: Stacked<Element, Model>.self)
        return { scope, out in
            for element in get(scope) { render(Stacked(top: element, outer: scope), &out) }
        }
    }
}

private struct ObjectField<Model: TemplateScope, Element: TemplateModel>: NestedTemplateField {
    let get: @Sendable (Model) -> Element?

    func pulledBack<Outer: TemplateScope>(_ outer: @escaping @Sendable (Outer) -> Model?) -> any NestedTemplateField<
        Outer
    > {
        let get = self.get
        return ObjectField<Outer, Element> { outer($0).flatMap(get) }
    }

    func member(_ name: String) -> TemplateField<Model>? { Element.fields[name]?.pulledBack(get) }

    func section(_ body: [TemplateNode], inverted: Bool, compiler: TemplateCompiler) -> TemplateRenderer<Model> {
        let get = self.get
        if inverted {
            let render = compiler.compile(body, for: Model.self)
            return { scope, out in if get(scope) == nil { render(scope, &out) } }
        }
        let render = compiler.compile(body, for: Stacked<Element, Model>.self)
        return { scope, out in
            if let element = get(scope) { render(Stacked(top: element, outer: scope), &out) }
        }
    }
}

/// Compiles parsed templates into renderers for one scope type, when the theme loads: every name
/// is looked up in the scope's fields then, so rendering a page only calls getters and appends
/// bytes. Problems are collected in `errors`, each with its place; the renderer of a node with a
/// problem renders nothing.
final class TemplateCompiler {
    /// Template sources by name (`note` for `note.mustache`), for partials and parents.
    let sources: [String: String]
    /// Whether a partial or parent that names no template is an error (a theme) or renders
    /// nothing (as the Mustache spec says).
    let partialsMustExist: Bool
    private(set) var errors: [TemplateError] = []
    /// The blocks given by the parents being compiled, the outermost's winning.
    private var blocks: [String: [TemplateNode]] = [:]
    var blocksAreEmpty: Bool { blocks.isEmpty }
    /// Templates parsed, by name and indentation.
    var parsedTemplates: [String: [TemplateNode]] = [:]
    /// Partials compiled or being compiled, so a partial that includes itself renders by
    /// recursion instead of being compiled without end.
    var compiledIncludes: [IncludeKey: AnyObject] = [:]
    var includeDepth = 0
    /// The templates being compiled, each with how many sections were open where it was included.
    var including: [IncludeKey: Int] = [:]
    /// How many sections are open around the node being compiled.
    private(set) var sectionDepth = 0
    /// How deep partials and parents may include each other: deeper is taken for a loop.
    static let maximumDepth = 64

    init(sources: [String: String], partialsMustExist: Bool = true) {
        self.sources = sources
        self.partialsMustExist = partialsMustExist
    }

    /// The renderer of the template `name` for values of `Scope`.
    func compile<Scope: TemplateScope>(template name: String, for scope: Scope.Type) -> TemplateRenderer<Scope> {
        include(name, indentation: "", at: TemplatePosition(template: name, line: 1, column: 1), for: scope)
    }

    func compile<Scope: TemplateScope>(_ nodes: [TemplateNode], for scope: Scope.Type) -> TemplateRenderer<Scope> {
        let parts = nodes.map { compile($0, for: scope) }
        switch parts.count {
        case 0: return { _, _ in }
        case 1: return parts[0]
        default: return { scope, out in for part in parts { part(scope, &out) } }
        }
    }

    private func compile<Scope: TemplateScope>(_ node: TemplateNode, for scope: Scope.Type) -> TemplateRenderer<Scope> {
        switch node {
        case .text(let text):
            let bytes = Array(text.utf8)
            return { _, out in out.append(bytes) }
        case .variable(let name, let escaped, let position):
            return variable(name, escaped: escaped, at: position, for: scope)
        case .section(let name, let inverted, let body, let position):
            sectionDepth += 1
            defer { sectionDepth -= 1 }
            return section(name, inverted: inverted, body, at: position, for: scope)
        case .partial(let name, let indentation, let position):
            return include(name, indentation: indentation, at: position, for: scope)
        case .parent(let name, let indentation, let given, let position):
            let outer = blocks
            blocks = given.merging(outer) { _, outer in outer }
            defer { blocks = outer }
            return include(name, indentation: indentation, at: position, for: scope)
        case .block(let name, let defaults, _):
            guard let given = blocks.removeValue(forKey: name) else { return compile(defaults, for: scope) }
            // Inside its own replacement, a block of the same name shows its default.
            defer { blocks[name] = given }
            return compile(given, for: scope)
        }
    }

    private func variable<Scope: TemplateScope>(
        _ name: TemplateName, escaped: Bool, at position: TemplatePosition, for scope: Scope.Type
    ) -> TemplateRenderer<Scope> {
        switch resolve(name, at: position, in: scope) {
        case nil: return { _, _ in }
        case .string(let get):
            if escaped { return { scope, out in if let text = get(scope) { out.appendEscaped(text) } } }
            return { scope, out in if let text = get(scope) { out.append(text) } }
        case .flag(let get):
            return { scope, out in out.append(get(scope) ? "true" : "false") }
        case .nested:
            return fail(
                position,
                "`\(name)` is a list or an object of \(Scope.scopeName), not text: use it as a section, `{{#\(name)}}…{{/\(name)}}`"
            )
        case .dynamic(let get):
            return { scope, out in
                guard let text = get(scope)?.text else { return }
                if escaped { out.appendEscaped(text) } else { out.append(text) }
            }
        }
    }

    private func section<Scope: TemplateScope>(
        _ name: TemplateName, inverted: Bool, _ body: [TemplateNode], at position: TemplatePosition,
        for scope: Scope.Type
    ) -> TemplateRenderer<Scope> {
        switch resolve(name, at: position, in: scope) {
        case nil: return { _, _ in }
        case .string(let get):
            let render = compile(body, for: scope)
            return { scope, out in if (get(scope) == nil) == inverted { render(scope, &out) } }
        case .flag(let get):
            let render = compile(body, for: scope)
            return { scope, out in if get(scope) != inverted { render(scope, &out) } }
        case .nested(let field):
            return field.section(body, inverted: inverted, compiler: self)
        case .dynamic(let get):
            guard Scope.self == MustacheStack.self, let get = get as? (@Sendable (MustacheStack) -> MustacheValue?),
                let render = dynamicSection(get, inverted: inverted, body) as? TemplateRenderer<Scope>
            else { return fail(position, "`\(name)` is a dynamic value inside a typed model") }
            return render
        }
    }

    /// A section over a value of the dynamic model: a list renders once per element, another
    /// truthy value once, with the value on top of the stack.
    private func dynamicSection(
        _ get: @escaping @Sendable (MustacheStack) -> MustacheValue?, inverted: Bool, _ body: [TemplateNode]
    ) -> TemplateRenderer<MustacheStack> {
        let render = compile(body, for: MustacheStack.self)
        return { stack, out in
            let value = get(stack) ?? .null
            guard !inverted else {
                if value.isFalsey { render(stack, &out) }
                return
            }
            guard !value.isFalsey else { return }
            var inner = stack
            switch value {
            case .list(let items):
                for item in items {
                    inner.values = stack.values + [item]
                    render(inner, &out)
                }
            case .bool: render(stack, &out)
            default:
                inner.values.append(value)
                render(inner, &out)
            }
        }
    }

    /// The field `name` stands for in `Scope`; nil (and an error) when there is none.
    private func resolve<Scope: TemplateScope>(
        _ name: TemplateName, at position: TemplatePosition, in scope: Scope.Type
    ) -> TemplateField<Scope>? {
        guard let first = name.parts.first else {
            if let current = Scope.current { return current }
            record(
                TemplateError(
                    position: position, message: "`{{.}}` names a plain value, and \(Scope.scopeName) is not one"))
            return nil
        }
        guard var field = Scope.field(named: first) else {
            let known = Scope.fieldNames.map { "`\($0)`" }.joined(separator: ", ")
            record(TemplateError(position: position, message: "\(Scope.scopeName) has no `\(first)`; it has \(known)"))
            return nil
        }
        for part in name.parts.dropFirst() {
            guard let member = field.member(part) else {
                record(TemplateError(position: position, message: "`\(name)`: there is no `\(part)` in it"))
                return nil
            }
            field = member
        }
        return field
    }

    private func fail<Scope>(_ position: TemplatePosition, _ message: String) -> TemplateRenderer<Scope> {
        record(TemplateError(position: position, message: message))
        return { _, _ in }
    }

    /// Keeps `error`, once: a template compiled for several scopes may repeat one.
    func record(_ error: TemplateError) {
        if !errors.contains(error) { errors.append(error) }
    }
}

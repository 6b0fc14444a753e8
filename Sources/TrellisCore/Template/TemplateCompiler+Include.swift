/// Partials and parents: another template compiled in place, indented as its tag was.
extension TemplateCompiler {
    struct IncludeKey: Hashable {
        var name: String
        var indentation: String
        var scope: ObjectIdentifier
    }

    /// Filled in once the partial it stands for is compiled; a partial that includes itself
    /// calls its own renderer through it.
    final class RendererBox<Scope>: @unchecked Sendable {
        var render: TemplateRenderer<Scope> = { _, _ in }
    }

    func include<Scope: TemplateScope>(
        _ name: String, indentation: String, at position: TemplatePosition, for scope: Scope.Type
    ) -> TemplateRenderer<Scope> {
        guard let nodes = parsedTemplate(name, indentation: indentation, at: position) else { return { _, _ in } }
        guard includeDepth < Self.maximumDepth else {
            record(
                TemplateError(
                    position: position, message: "templates include each other without end (through `\(name)`)"))
            return { _, _ in }
        }
        includeDepth += 1
        defer { includeDepth -= 1 }
        // Blocks given by a parent change what a template renders: only one without any is shared.
        guard blocksAreEmpty else { return compile(nodes, for: scope) }
        let key = IncludeKey(name: name, indentation: indentation, scope: ObjectIdentifier(scope))
        // Inside itself with no section on the way, a template would render itself without end
        // (and overflow the stack); inside a section, data ends the recursion (a tree's children).
        if let outer = including[key], outer == sectionDepth {
            record(
                TemplateError(
                    position: position,
                    message: "`\(name)` includes itself outside any section, so it would render without end"))
            return { _, _ in }
        }
        let outer = including[key]
        including[key] = sectionDepth
        defer { including[key] = outer }
        if let box = compiledIncludes[key] as? RendererBox<Scope> {
            // Recursion that data should end but does not (a section on a value that is always
            // there) stops at a depth, with a word in the page, before the stack overflows.
            return { scope, out in
                guard out.includeDepth < TemplateOutput.maximumIncludeDepth else {
                    out.append(TemplateOutput.tooDeepNotice)
                    return
                }
                out.includeDepth += 1
                box.render(scope, &out)
                out.includeDepth -= 1
            }
        }
        let box = RendererBox<Scope>()
        compiledIncludes[key] = box
        box.render = compile(nodes, for: scope)
        return box.render
    }

    private func parsedTemplate(_ name: String, indentation: String, at position: TemplatePosition) -> [TemplateNode]? {
        let key = name + "\u{0}" + indentation
        if let nodes = parsedTemplates[key] { return nodes }
        guard let source = sources[name] else {
            if partialsMustExist {
                record(TemplateError(position: position, message: "there is no template `\(name)` (\(name).mustache)"))
            }
            return nil
        }
        do {
            let nodes = try TemplateParser.parse(source, template: name, indentation: indentation)
            parsedTemplates[key] = nodes
            return nodes
        } catch {
            record(error)
            return nil
        }
    }
}

import Foundation
import Yams

/// Reads frontmatter YAML with Yams into a `Frontmatter`, reporting problems with file positions.
///
/// A syntax error ignores the whole block (the note still renders); a field of the wrong type is
/// converted when the intent is clear (`tags: 5` becomes the tag `5`) and reported either way.
public enum FrontmatterParser {
    public static func parse(_ split: FrontmatterSplit, file: String) -> (Frontmatter, [Diagnostic]) {
        guard let yaml = split.yaml, !yaml.allSatisfy(\.isWhitespace) else { return (Frontmatter(), []) }
        let root: YAMLNode?
        switch YAMLComposer.compose(yaml) {
        case .composed(let node):
            root = node
        case .possibleDuplicateKeys(let node):
            if let problem = yamsProblem(yaml, split: split, file: file) { return (Frontmatter(), [problem]) }
            root = node
        case .failed:
            let problem =
                yamsProblem(yaml, split: split, file: file)
                ?? Diagnostic(
                    file: file, line: split.yamlFirstLine, column: 1, severity: .error, code: .frontmatter,
                    message: "malformed frontmatter YAML; the frontmatter is ignored, the note still renders")
            return (Frontmatter(), [problem])
        }
        guard let mapping = root?.mapping else {
            let problem = Diagnostic(
                file: file, line: split.yamlFirstLine, column: 1, severity: .error, code: .frontmatter,
                message: "frontmatter is not a mapping of keys to values; it is ignored")
            return (Frontmatter(), [problem])
        }
        let fields = mapping.compactMap { pair in pair.key.scalar.map { (name: $0.text, value: pair.value) } }
        var reader = FieldReader(fields: fields, yaml: yaml, split: split, file: file)
        var frontmatter = Frontmatter()
        frontmatter.title = reader.text("title")
        frontmatter.description = reader.text("description")
        frontmatter.aliases = reader.lists(anyCaseOf: Property.aliasKeys)
        frontmatter.tags = reader.lists(anyCaseOf: Property.tagKeys).map(normaliseTag).filter { !$0.isEmpty }
        frontmatter.date = reader.date("date")
        frontmatter.draft = reader.flag("draft") ?? false
        frontmatter.publish = reader.flag("publish") ?? true
        frontmatter.propertyDisplay = reader.display(Property.displayKey)
        // A class is a word: one written with spaces is as many classes.
        frontmatter.cssClasses = (reader.list("cssclasses") + reader.list("cssclass")).flatMap {
            $0.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        var properties = PropertyReader(yaml: yaml, split: split, file: file)
        properties.read(mapping)
        frontmatter.properties = properties.properties
        frontmatter.propertyLinks = properties.links
        return (frontmatter, reader.diagnostics + properties.diagnostics)
    }

    /// The problem Yams states with a block `YAMLComposer` would not vouch for, if any. Yams's
    /// `compose` gives its node tree without turning it into Swift values: a hostile block such as
    /// a mapping used as a key (`{{}}: x`) cannot crash the conversion.
    private static func yamsProblem(_ yaml: String, split: FrontmatterSplit, file: String) -> Diagnostic? {
        do {
            _ = try Yams.compose(yaml: yaml, FrontmatterParser.resolver, FrontmatterParser.constructor(), .utf8)
            return nil
        } catch {
            return syntaxDiagnostic(error, split: split, file: file)
        }
    }

    /// No implicit typing: every scalar stays text as written (dates too), and `FieldReader` reads
    /// the few typed values it needs (`true`, `null`, numbers) off plain scalars itself. Yams's
    /// default resolver tries half a dozen regular expressions on every scalar; this was a sixth
    /// of `check`'s time.
    static let resolver = Resolver.basic

    /// A constructor with no tables: the tree is read as nodes and never turned into Swift values
    /// (`Node.any`), so the default constructor's tables, built afresh for each call, go unused.
    private static func constructor() -> Constructor { Constructor([:], [:], [:]) }

    /// `#Networking/DNS ` → `networking/dns`: tags are matched without their `#` and case. A `/`
    /// that names no level (`#/dns`, `#a//b`) is left out, as the tag's pages are named.
    static func normaliseTag(_ tag: String) -> String {
        var tag = mayNeedTrimming(tag) ? tag.trimmingCharacters(in: .whitespaces) : tag
        if tag.hasPrefix("#") { tag.removeFirst() }
        if tag.utf8.contains(UInt8(ascii: "/")) { tag = tag.split(separator: "/").joined(separator: "/") }
        return tag.lowercased()
    }

    /// False when the text starts and ends with a printable ASCII byte other than a space: nothing to
    /// trim, and no need to ask Foundation.
    static func mayNeedTrimming(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        func isKept(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
        return !(isKept(first) && isKept(last))
    }

    private static func syntaxDiagnostic(_ error: Error, split: FrontmatterSplit, file: String) -> Diagnostic {
        var line = split.yamlFirstLine
        var column = 1
        var problem = "\(error)"
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(let context, let text, let mark, _),
                .parser(let context, let text, let mark, _),
                .composer(let context, let text, let mark, _):
                (line, column) = YAMLLines.place(line: mark.line, column: mark.column, in: split)
                problem = [context?.text, text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            case .reader(let text, let offset, _, let yaml):
                // A character that YAML does not allow (a control character, U+FFFE): Yams gives
                // its place as a count of characters into the YAML.
                if let offset, let index = yaml.index(yaml.startIndex, offsetBy: offset, limitedBy: yaml.endIndex) {
                    (line, column) = YAMLLines.place(
                        ofOffset: yaml.utf8.distance(from: yaml.startIndex, to: index), in: split)
                }
                problem = text
            case .duplicatedKeysInMapping(let duplicates, let context):
                // Yams tells the mapping's place; the key's second place is what to fix.
                let key = duplicates.sorted().first ?? ""
                let bytes = Array((split.yaml ?? "").utf8)
                if let offset = YAMLLines.secondKey(
                    key, mappingLine: context.mark.line, column: context.mark.column, in: bytes)
                {
                    (line, column) = YAMLLines.place(ofOffset: offset, in: split)
                } else {
                    (line, column) = YAMLLines.place(line: context.mark.line, column: context.mark.column, in: split)
                }
                let names = duplicates.sorted().map { "`\($0)`" }.joined(separator: ", ")
                problem =
                    duplicates.count == 1 ? "the key \(names) is written twice" : "the keys \(names) are written twice"
            default:
                break
            }
        }
        return Diagnostic(
            file: file, line: line, column: column, severity: .error, code: .frontmatter,
            message: "malformed frontmatter YAML (\(problem)); the frontmatter is ignored, the note still renders")
    }
}

/// Reads typed fields out of a YAML mapping, noting each field of the wrong type.
private struct FieldReader {
    /// The mapping's keys that are text, in order; a key written twice counts where it is first.
    /// (A dozen names are asked for, of a few keys: a search costs less than hashing them.)
    let fields: [(name: String, value: YAMLNode)]
    let yaml: String
    let split: FrontmatterSplit
    let file: String
    var diagnostics: [Diagnostic] = []

    /// The value of the first key `key`.
    private func field(_ key: String) -> YAMLNode? {
        fields.firstIndex { $0.name == key }.map { fields[$0].value }
    }

    /// YAML 1.1's plain (unquoted) scalars that mean something other than text.
    private static func plain(_ node: YAMLNode) -> String? {
        guard let scalar = node.scalar, scalar.isPlain else { return nil }
        return scalar.text
    }

    private static func isNull(_ node: YAMLNode) -> Bool {
        guard let text = plain(node) else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(text)
    }

    private static func bool(_ node: YAMLNode) -> Bool? {
        switch plain(node)?.lowercased() {
        case "true", "yes", "on": true
        case "false", "no", "off": false
        default: nil
        }
    }

    /// A plain `5`, `-1.5`, `.inf` or `yes`: a value that is not text.
    private static func isTyped(_ node: YAMLNode) -> Bool {
        guard let text = plain(node) else { return false }
        return bool(node) != nil || Int(text) != nil || Double(text) != nil
            || [".inf", "+.inf", "-.inf", ".nan"].contains(text.lowercased())
    }

    mutating func text(_ key: String) -> String? {
        guard let value = field(key), !FieldReader.isNull(value) else { return nil }
        if let scalar = value.scalar { return scalar.text }
        report(key, "should be text")
        return nil
    }

    /// The lists of every key that is one of `names` in any case (`Aliases:`, `TAGS:`), as
    /// Obsidian reads aliases and tags (`/^alias(es)?$/i`, `/^tags?$/i`): by `names`' order, then
    /// the keys' order.
    mutating func lists(anyCaseOf names: [String]) -> [String] {
        var keys: [String] = []
        for name in names {
            for field in fields where field.name.count == name.count && field.name.lowercased() == name {
                if !keys.contains(field.name) { keys.append(field.name) }
            }
        }
        return keys.flatMap { list($0) }
    }

    mutating func list(_ key: String) -> [String] {
        guard let value = field(key), !FieldReader.isNull(value) else { return [] }
        if let items = value.sequence {
            let texts = items.compactMap { $0.scalar?.text }
            if texts.count != items.count { report(key, "should be a list of text") }
            return texts
        }
        if let scalar = value.scalar {
            if !FieldReader.isTyped(value) {
                return scalar.text.split(separator: ",").map { String($0).trimmingWhitespace() }.filter {
                    !$0.isEmpty
                }
            }
            report(key, "should be a list; read as [\(scalar.text)]")
            return [scalar.text]
        }
        report(key, "should be a list of text")
        return []
    }

    /// A date that is no date (`2024-13-45`, `not-a-date`) is reported and left out: the note
    /// keeps its file's date.
    mutating func date(_ key: String) -> String? {
        guard let value = field(key), let text = text(key) else { return nil }
        if FrontmatterDate(text) != nil { return text }
        let place = YAMLLines.place(line: value.mark.line, column: value.mark.column, in: split)
        diagnostics.append(
            Diagnostic(
                file: file, line: place.0, column: place.1, severity: .warning, code: .frontmatter,
                message: "frontmatter field `\(key)` is not a date: `\(text)`; write it as YYYY-MM-DD "
                    + "(a time may follow, as in 2024-05-01T09:30); the file's date is used instead",
                target: text))
        return nil
    }

    mutating func flag(_ key: String) -> Bool? {
        guard let value = field(key), !FieldReader.isNull(value) else { return nil }
        if let flag = FieldReader.bool(value) { return flag }
        report(key, "should be true or false")
        return nil
    }

    mutating func display(_ key: String) -> PropertyDisplay? {
        guard let value = field(key), !FieldReader.isNull(value) else { return nil }
        if let display = value.scalar.flatMap({ PropertyDisplay(rawValue: $0.text.lowercased()) }) { return display }
        report(key, "should be show or hide")
        return nil
    }

    private mutating func report(_ key: String, _ problem: String) {
        diagnostics.append(
            Diagnostic(
                file: file, line: line(of: key), column: 1, severity: .warning, code: .frontmatter,
                message: "frontmatter field `\(key)` \(problem)"))
    }

    /// The file line where `key:` is written, found in the YAML text.
    private func line(of key: String) -> Int {
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.hasPrefix(key + ":") {
            return split.yamlFirstLine + index
        }
        return split.yamlFirstLine
    }
}

extension YAMLScalar {
    /// The scalar's text, C0 control characters but tab and line feed replaced by U+FFFD, as
    /// `SourceText` replaces them in notes: a YAML escape (`"\x1b"`, `"\0"`) can write one, and
    /// it would reach pages and terminals as it is.
    var text: String {
        guard string.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A }) else { return string }
        return String(
            String.UnicodeScalarView(
                string.unicodeScalars.map { $0.value < 0x20 && $0 != "\t" && $0 != "\n" ? "\u{FFFD}" : $0 }))
    }
}

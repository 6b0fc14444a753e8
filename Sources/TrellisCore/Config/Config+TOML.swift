import TOMLKit

extension Config {
    /// Parses the text of a `trellis.toml`. Unknown keys and wrong types are errors naming the key
    /// and its line, so a typo never silently does nothing.
    public static func parse(_ text: String) throws -> Config {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(
                line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        }
        let reader = TOMLReader(text: text)
        var config = Config()
        try reader.rejectUnknown(
            table,
            known: [
                "title", "base_url", "home", "theme", "output", "cache_dir", "mermaid", "properties", "ignore",
                "unsafe_html", "links", "check",
            ])
        config.title = try reader.string(table, "title") ?? config.title
        config.baseURL = try reader.string(table, "base_url")
        // It starts every canonical link, feed and sitemap URL: a `javascript:` one would run.
        if let base = config.baseURL,
            !(base.lowercased().hasPrefix("https://") || base.lowercased().hasPrefix("http://"))
        {
            throw ConfigError(
                line: reader.line(of: "base_url"),
                message: "`base_url` must be an http:// or https:// address, not \"\(base)\"")
        }
        config.home = try reader.string(table, "home")
        config.theme = try reader.string(table, "theme")
        config.output = try reader.string(table, "output")
        config.cacheDir = try reader.string(table, "cache_dir")
        config.mermaid = try reader.string(table, "mermaid")
        config.properties =
            try reader.choice(table, "properties", named: "properties", of: "\"show\" or \"hide\"") ?? .show
        config.ignore = try reader.strings(table, "ignore") ?? []
        config.unsafeHTML = try reader.bool(table, "unsafe_html") ?? false
        if let links = try reader.table(table, "links") {
            try reader.rejectUnknown(links, known: ["aliases_resolve", "ambiguous"], section: "links")
            config.aliasesResolve = try reader.bool(links, "aliases_resolve") ?? true
            config.ambiguous =
                try reader.choice(links, "ambiguous", named: "links.ambiguous", of: "\"warn\" or \"error\"") ?? .warn
        }
        if let check = try reader.table(table, "check") {
            for key in check.keys {
                guard let code = Diagnostic.Code(rawValue: key) else {
                    throw ConfigError(
                        line: reader.line(of: key),
                        message:
                            "unknown diagnostic code `\(key)` in [check]; known codes: \(Diagnostic.Code.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                let value = try reader.string(check, key) ?? ""
                if value == "off" {
                    config.severities[code] = .some(nil)
                } else if let severity = Diagnostic.Severity(rawValue: value) {
                    config.severities[code] = severity
                } else {
                    throw ConfigError(
                        line: reader.line(of: key),
                        message: "`check.\(key)` must be \"error\", \"warning\", \"info\" or \"off\", not \"\(value)\"")
                }
            }
        }
        return config
    }
}

/// Typed reads from a TOML table, with errors that name the key and its line.
struct TOMLReader {
    let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func line(of key: String) -> Int {
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix(key) {
                let rest = trimmed.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
                if rest.hasPrefix("=") { return index + 1 }
            }
            if trimmed.hasPrefix("[\(key)]") { return index + 1 }
        }
        return 1
    }

    func rejectUnknown(_ table: TOMLTable, known: Set<String>, section: String? = nil) throws {
        for key in table.keys where !known.contains(key) {
            let place = section.map { "[\($0)]" } ?? "trellis.toml"
            throw Config.ConfigError(
                line: line(of: key),
                message: "unknown key `\(key)` in \(place); known keys: \(known.sorted().joined(separator: ", "))")
        }
    }

    func string(_ table: TOMLTable, _ key: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw wrongType(key, "text in quotes") }
        return text
    }

    func bool(_ table: TOMLTable, _ key: String) throws -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw wrongType(key, "true or false") }
        return flag
    }

    func strings(_ table: TOMLTable, _ key: String) throws -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw wrongType(key, "a list of text, like [\"drafts/*\"]") }
        return try array.map { item in
            guard let text = item.string else { throw wrongType(key, "a list of text, like [\"drafts/*\"]") }
            return text
        }
    }

    /// One of a few words (`"show"`, `"hide"`); `named` is how the error names the key.
    func choice<Choice: RawRepresentable>(_ table: TOMLTable, _ key: String, named: String, of words: String) throws
        -> Choice? where Choice.RawValue == String
    {
        guard let value = try string(table, key) else { return nil }
        guard let choice = Choice(rawValue: value) else {
            throw Config.ConfigError(line: line(of: key), message: "`\(named)` must be \(words), not \"\(value)\"")
        }
        return choice
    }

    func table(_ table: TOMLTable, _ key: String) throws -> TOMLTable? {
        guard let value = table[key] else { return nil }
        guard let section = value.table else { throw wrongType(key, "a [\(key)] section") }
        return section
    }

    private func wrongType(_ key: String, _ expected: String) -> Config.ConfigError {
        Config.ConfigError(line: line(of: key), message: "`\(key)` must be \(expected)")
    }
}

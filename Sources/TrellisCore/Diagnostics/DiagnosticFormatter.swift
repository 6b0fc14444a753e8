import Foundation

/// Formats diagnostics for people (compiler-style text), for programs (JSON) and for CI
/// (GitHub Actions annotations). Detection never formats; this never detects.
public enum DiagnosticFormatter {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, github
    }

    /// `Index.md:9:18: error: dangling link [[Consensus]]`, coloured when `colour` is on; control
    /// characters in file names and messages are shown escaped (`TerminalText`).
    public static func text(_ diagnostic: Diagnostic, colour: Bool) -> String {
        var place = diagnostic.file.map(TerminalText.escaped) ?? "trellis"
        if diagnostic.line > 0 {
            place += ":\(diagnostic.line)"
            if diagnostic.column > 0 { place += ":\(diagnostic.column)" }
        }
        let severity = diagnostic.severity.rawValue
        let message = TerminalText.escaped(diagnostic.message)
        guard colour else { return "\(place): \(severity): \(message)" }
        let tint =
            switch diagnostic.severity {
            case .error: "\u{1B}[1;31m"
            case .warning: "\u{1B}[1;33m"
            case .info: "\u{1B}[1;36m"
            }
        return "\u{1B}[1m\(place):\u{1B}[0m \(tint)\(severity):\u{1B}[0m \(message)"
    }

    /// `text(_:colour:)` of each diagnostic, one per line. A vault with thousands of broken
    /// links prints thousands of lines once the build is over, so they are made on every core.
    /// `jobs`: at most this many threads, as everywhere.
    public static func text(_ diagnostics: [Diagnostic], colour: Bool, jobs: Int? = nil) -> String {
        let chunk = 1024
        let starts = Array(stride(from: 0, to: diagnostics.count, by: chunk))
        return Parallel.map(starts, jobs: jobs) { start in
            diagnostics[start..<min(start + chunk, diagnostics.count)].map { text($0, colour: colour) }
                .joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// `::error file=Notes/Index.md,line=9,col=18::dangling link [[Consensus]]`. `prefix` is the
    /// vault's path from the repository root, so annotations land on the right file.
    public static func github(_ diagnostic: Diagnostic, prefix: String) -> String {
        let command =
            switch diagnostic.severity {
            case .error: "error"
            case .warning: "warning"
            case .info: "notice"
            }
        var properties: [String] = []
        if let file = diagnostic.file { properties.append("file=" + escapeProperty(prefix + file)) }
        if diagnostic.line > 0 { properties.append("line=\(diagnostic.line)") }
        if diagnostic.column > 0 { properties.append("col=\(diagnostic.column)") }
        properties.append("title=" + escapeProperty("trellis " + diagnostic.code.rawValue))
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(diagnostic.message))"
    }

    /// What `github` puts before a note's vault path: the vault as given, for GitHub reads `file=`
    /// from the repository's root, where CI runs. An absolute vault inside `currentFolder` is made
    /// relative to it (`$GITHUB_WORKSPACE/Notes` → `Notes/`); one elsewhere stays absolute, which
    /// names the file truly even where GitHub cannot place it. A leading `./` is dropped.
    public static func githubPrefix(vault: String, currentFolder: String) -> String {
        var vault = vault
        while vault.count > 1, vault.hasSuffix("/") { vault.removeLast() }
        if vault.hasPrefix("/") {
            let here = currentFolder.hasSuffix("/") ? currentFolder : currentFolder + "/"
            let standard = URL(fileURLWithPath: vault).standardizedFileURL.path
            if standard + "/" == here { return "" }
            guard standard.hasPrefix(here) else { return vault == "/" ? "/" : vault + "/" }
            return String(standard.dropFirst(here.count)) + "/"
        }
        while vault.hasPrefix("./") { vault.removeFirst(2) }
        return vault.isEmpty || vault == "." ? "" : vault + "/"
    }

    /// The report `check --format json` prints.
    public static func json(_ diagnostics: [Diagnostic], notes: Int, links: Int) -> String {
        let items = diagnostics.map { diagnostic -> String in
            var fields = [
                "\"file\":\(diagnostic.file.map(JSON.string) ?? "null")",
                "\"line\":\(diagnostic.line)",
                "\"column\":\(diagnostic.column)",
                "\"severity\":\"\(diagnostic.severity.rawValue)\"",
                "\"code\":\"\(diagnostic.code.rawValue)\"",
                "\"message\":\(JSON.string(diagnostic.message))",
            ]
            fields.append("\"target\":\(diagnostic.target.map(JSON.string) ?? "null")")
            fields.append("\"suggestion\":\(diagnostic.suggestion.map(JSON.string) ?? "null")")
            return "{" + fields.joined(separator: ",") + "}"
        }
        let summary =
            "{\"errors\":\(diagnostics.count(of: .error)),\"warnings\":\(diagnostics.count(of: .warning)),\"infos\":\(diagnostics.count(of: .info))}"
        return "{\"notes\":\(notes),\"links\":\(links),\"diagnostics\":[\n"
            + items.joined(separator: ",\n") + "\n],\"summary\":\(summary)}"
    }

    /// `3 errors, 1 warning in 27 notes`
    public static func summary(_ diagnostics: [Diagnostic], notes: Int) -> String {
        let errors = diagnostics.count(of: .error)
        let warnings = diagnostics.count(of: .warning)
        return
            "\(Wording.counted(errors, "error")), \(Wording.counted(warnings, "warning")) in \(Wording.counted(notes, "note"))"
    }

    /// GitHub's escapes, then the terminal's for the control characters they leave: the log shows
    /// what a workflow prints in a terminal's colours.
    private static func escapeData(_ text: String) -> String {
        TerminalText.escaped(
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A"))
    }

    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

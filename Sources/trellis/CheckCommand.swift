import ArgumentParser
import Foundation
import TrellisCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the vault's links without building the site.",
        discussion: """
            Resolves every [[wiki link]], embed and Markdown link and reports what does not resolve.
            Exit status: 0 clean, 1 errors found (warnings too with --strict), 2 usage or config error.
            """
    )

    @OptionGroup var vaultOptions: VaultOptions

    @Option(help: "Output format: text, json, or github (GitHub Actions annotations).")
    var format: DiagnosticFormatter.Format = .text

    @Flag(help: "Fail (exit 1) on warnings too.")
    var strict = false

    @Flag(help: "Report notes that no other note links to.")
    var orphans = false

    @Option(
        name: .customLong("files"), parsing: .upToNextOption,
        help:
            "Report only on these notes (paths from here or from the vault), e.g. the files a commit changes. Links are still resolved against the whole vault."
    )
    var files: [String] = []

    @Flag(help: "Print how long each stage took (on standard error).")
    var timings = false

    func run() throws {
        let resolved = try vaultOptions.resolve(orphans: orphans, printTimings: timings)
        // A path that names nothing in the vault (a typo, a file since deleted) is checked for
        // nothing: said, so that a check that passes is not taken for one that looked.
        let known =
            files.isEmpty ? [] : Set(resolved.notes.map(\.path.string) + resolved.vault.attachments.map(\.string))
        for file in files where !known.contains(vaultPath(of: file)) {
            Terminal.error("trellis: warning: --files \(file): not a note of the vault; nothing is checked for it")
        }
        let diagnostics =
            files.isEmpty ? resolved.diagnostics : resolved.diagnostics.filter { wanted.contains($0.file ?? "") }
        switch format {
        case .json:
            print(DiagnosticFormatter.json(diagnostics, notes: resolved.notes.count, links: resolved.linkCount))
        case .github:
            let shownPrefix = DiagnosticFormatter.githubPrefix(
                vault: vaultOptions.vault, currentFolder: FileManager.default.currentDirectoryPath)
            for diagnostic in diagnostics { print(DiagnosticFormatter.github(diagnostic, prefix: shownPrefix)) }
            print(DiagnosticFormatter.summary(diagnostics, notes: resolved.notes.count))
        case .text:
            let colour = Terminal.outputIsTTY && Terminal.colourAllowed
            if !diagnostics.isEmpty {
                print(DiagnosticFormatter.text(diagnostics, colour: colour, jobs: vaultOptions.jobs))
            }
            print(
                DiagnosticFormatter.summary(diagnostics, notes: resolved.notes.count) + ", "
                    + Wording.counted(resolved.linkCount, "link"))
        }
        let failing = diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
        if failing { throw ExitCode(1) }
    }
}

extension CheckCommand {
    /// The `--files` as vault-relative paths: `Notes/Caching.md` and `Caching.md` both name
    /// `Caching.md` in the vault `Notes`.
    var wanted: Set<String> { Set(files.map(vaultPath(of:))) }

    /// A `--files` path as a vault path.
    func vaultPath(of file: String) -> String {
        let vault = URL(fileURLWithPath: vaultOptions.vault).standardizedFileURL.path
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
        return absolute.hasPrefix(vault + "/") ? String(absolute.dropFirst(vault.count + 1)) : file
    }
}

extension DiagnosticFormatter.Format: ExpressibleByArgument {}

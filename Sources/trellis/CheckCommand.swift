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

    func run() throws {
        var options = RunOptions(vault: vaultOptions.vaultURL, jobs: vaultOptions.jobs)
        options.orphans = orphans
        var timings = StageTimings()
        let resolved: ResolvedVault
        do {
            resolved = try Pipeline.resolve(options, render: false, timings: &timings)
        } catch {
            throw Terminal.fail(error)
        }
        let diagnostics = resolved.diagnostics
        switch format {
        case .json:
            print(DiagnosticFormatter.json(diagnostics, notes: resolved.notes.count, links: resolved.linkCount))
        case .github:
            let prefix = vaultOptions.vault.hasSuffix("/") ? vaultOptions.vault : vaultOptions.vault + "/"
            let shownPrefix = vaultOptions.vault.hasPrefix("/") || prefix == "./" ? "" : prefix
            for diagnostic in diagnostics { print(DiagnosticFormatter.github(diagnostic, prefix: shownPrefix)) }
            print(DiagnosticFormatter.summary(diagnostics, notes: resolved.notes.count))
        case .text:
            let colour = Terminal.outputIsTTY && Terminal.colourAllowed
            for diagnostic in diagnostics { print(DiagnosticFormatter.text(diagnostic, colour: colour)) }
            print(DiagnosticFormatter.summary(diagnostics, notes: resolved.notes.count) + ", \(resolved.linkCount) links")
        }
        let failing = diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
        if failing { throw ExitCode(1) }
    }
}

extension DiagnosticFormatter.Format: ExpressibleByArgument {}

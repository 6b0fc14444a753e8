import ArgumentParser
import Foundation
import TrellisCore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print the vault's health: notes, links, dangling links, orphans, most-linked notes.",
        discussion: """
            Counts notes (and how many are published), attachments, links by outcome (resolved,
            dangling, ambiguous, external), orphan notes (no other note links to them; the home note
            aside), tags, errors and warnings, and lists the 10 notes with the most backlinks.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var vaultOptions: VaultOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "How many of the most-linked notes to list.")
    var top = 10

    func validate() throws {
        if top < 0 { throw ValidationError("--top must be 0 or more") }
    }

    func run() throws {
        let resolved = try vaultOptions.resolve()
        let stats = VaultStats(resolved, top: top)
        print(format == .json ? stats.json() : stats.text())
    }
}

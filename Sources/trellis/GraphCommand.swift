import ArgumentParser
import Foundation
import TrellisCore

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the vault's link graph as JSON or Graphviz DOT.",
        discussion: """
            JSON is exactly the graph.json a build writes. DOT is a digraph of the published notes
            (labelled with their titles), their links (embeds dashed) and dangling targets (dashed
            outlines): `trellis graph Notes --format dot | dot -Tsvg > graph.svg`.
            """
    )

    @OptionGroup var vaultOptions: VaultOptions

    @Option(help: "Output format: json or dot.")
    var format: GraphFile.Format = .json

    func run() throws {
        let resolved = try vaultOptions.resolve()
        print(GraphFile(resolved: resolved).render(format), terminator: "")
    }
}

extension GraphFile.Format: ExpressibleByArgument {}

import ArgumentParser
import Foundation
import TrellisCore

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Delete the build cache of a vault and output folder, and the staging folder beside it.",
        discussion: """
            The next build is then a full one. The site in the output folder is left as it is.
            Exit status: 0, also when there was no cache; 2 on a usage or config error.
            """
    )

    @OptionGroup var vaultOptions: VaultOptions

    @Option(
        name: .shortAndLong, help: "The output folder whose cache to delete (default: ./public).",
        completion: .directory)
    var output: String?

    @Option(help: "The cache folder, when the build was given --cache-dir.", completion: .directory)
    var cacheDir: String?

    func run() throws {
        var options = vaultOptions.runOptions(output: output, theme: nil, force: false)
        options.cacheFolder = cacheDir.map { URL(fileURLWithPath: $0, isDirectory: true) }
        do {
            let (folder, removed, staging) = try CacheLocation.clean(options)
            print(removed ? "Removed the build cache in \(folder.path)" : "No build cache in \(folder.path)")
            if let staging { print("Removed the staging folder \(staging)") }
        } catch {
            throw Terminal.fail(error)
        }
    }
}

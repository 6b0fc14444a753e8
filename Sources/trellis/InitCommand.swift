import ArgumentParser
import Foundation
import TrellisCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new vault: trellis.toml, a home note and a getting-started note.",
        discussion: """
            Creates FOLDER (default: the current folder) if needed and writes trellis.toml, with every
            setting explained, Home.md and Getting Started.md. It never overwrites: when one of these
            files exists, it writes nothing and exits 2. `trellis check FOLDER` is clean right after.
            """
    )

    @Argument(help: "The folder for the new vault; created if missing.", completion: .directory)
    var folder: String = "."

    @Option(help: "The site's title (default: the folder's name).")
    var title: String?

    func run() throws {
        let initializer = VaultInitializer(folder: URL(fileURLWithPath: folder), title: title)
        let report: VaultInitializer.Report
        do {
            report = try initializer.write()
        } catch {
            throw Terminal.fail(error)
        }
        let shown = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let place = shown == "." ? "this folder" : shown
        print(report.createdFolder ? "Created the vault \(shown) with:" : "Started a vault in \(place) with:")
        for path in report.written { print("  \(shown == "." ? "" : shown + "/")\(path)") }
        if !report.existingEntries.isEmpty {
            let entries = report.existingEntries
            let named = entries.prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
            print(
                "\(place.prefix(1).uppercased() + place.dropFirst()) already held \(entries.count) item\(entries.count == 1 ? "" : "s") (\(named)); "
                    + "they are part of the vault too: Markdown files are notes, other files attachments.")
        }
        let argument = Self.shellQuoted(shown)
        let site = (shown == "." ? "" : shown + "/") + ".site"
        let steps = [
            ("trellis serve \(argument) --open", "preview the site; it rebuilds as you write"),
            ("trellis check \(argument)", "find links that lead nowhere"),
            ("trellis build \(argument)", "write the site to \(site)"),
        ]
        let width = steps.map(\.0.count).max() ?? 0
        print("\nNext:")
        for (command, what) in steps {
            print("  " + command + String(repeating: " ", count: width - command.count + 3) + what)
        }
    }

    /// The folder as typed into a shell: quoted when it holds anything but safe characters.
    static func shellQuoted(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || $0.properties.numericType != nil || "._-/+=:,@%".unicodeScalars.contains($0)
        }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

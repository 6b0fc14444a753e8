import ArgumentParser
import Foundation
import TrellisCore

struct Trellis: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trellis",
        abstract: "Build a static site from a vault of Markdown notes joined by [[wiki links]].",
        version: TrellisVersion.current,
        subcommands: [
            BuildCommand.self, CheckCommand.self, ServeCommand.self, SearchCommand.self, InitCommand.self,
            GraphCommand.self, CleanCommand.self,
            StatsCommand.self,
        ]
    )

    /// Parses and runs a command like `main()`, but exits 2 (not 64) on usage errors.
    ///
    /// On the main thread: a command that is not async (all but `serve`) then runs there, not on
    /// one of the pool's threads, which it would hold while it waits for work it handed to the
    /// pool; that work then has every core.
    @MainActor
    static func run(_ arguments: [String]) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options every command that reads a vault takes.
struct VaultOptions: ParsableArguments {
    @Argument(help: "The vault folder.", completion: .directory)
    var vault: String = "Notes"

    @Option(name: .customLong("jobs"), help: "Use at most this many threads (default: all cores).")
    var jobs: Int?

    var vaultURL: URL { URL(fileURLWithPath: vault) }

    /// scan → parse → resolve, as `check`, `graph` and `stats` need; a usage or config problem
    /// exits 2.
    func resolve(orphans: Bool = false, printTimings: Bool = false) throws -> ResolvedVault {
        var options = RunOptions(vault: vaultURL, jobs: jobs)
        options.orphans = orphans
        var timings = StageTimings()
        do {
            let resolved = try Pipeline.resolve(options, render: false, timings: &timings)
            if printTimings { timings.print(stages: [.scan, .parse, .resolve]) }
            ProcessLifetime.keep(resolved)
            return resolved
        } catch {
            throw Terminal.fail(error)
        }
    }

    /// What a run that writes a site is asked to do: the default theme, with `theme` over it;
    /// `force` replaces files in the output that trellis did not write.
    func runOptions(output: String?, theme: String?, force: Bool) -> RunOptions {
        let themeURL = theme.map { URL(fileURLWithPath: $0) }
        var options = RunOptions(
            vault: vaultURL, output: output.map { URL(fileURLWithPath: $0) }, theme: themeURL,
            defaultTheme: DefaultTheme.locate(excluding: themeURL), jobs: jobs)
        options.force = force
        return options
    }

    func validate() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: vault, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError(
                "no vault folder at \(vault); pass the folder of your notes, e.g. `trellis build Notes`")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
    }
}

/// How the process writes to the terminal.
enum Terminal {
    static let errorIsTTY = isatty(STDERR_FILENO) == 1
    static let outputIsTTY = isatty(STDOUT_FILENO) == 1
    static var colourAllowed: Bool { ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints a usage or configuration problem and exits 2. It may name a file of the vault:
    /// control characters are shown escaped.
    static func fail(_ problem: Any) -> ExitCode {
        error(failure(problem))
        return ExitCode(2)
    }

    /// The line `fail` prints: a problem in a file already reads `file:line: error: …`, as
    /// compilers write it, and is printed so; anything else gets `trellis: error: ` before it.
    static func failure(_ problem: Any) -> String {
        let text = TerminalText.escaped("\(problem)")
        return problem is Config.ConfigError || problem is Theme.ThemeError ? text : "trellis: error: " + text
    }
}

/// What a command built, kept until the process exits: the system takes a process's memory back
/// at once, where freeing ten thousand parsed notes one object at a time costs a tenth of a check.
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ value: Any) { kept.append(value) }
}

extension StageTimings {
    /// Each stage's time on standard error, for `--timings`.
    func print(stages: [Stage] = Stage.allCases) {
        for stage in stages {
            Terminal.error(String(format: "  %-8@ %7.3f s", stage.rawValue, seconds[stage] ?? 0))
        }
    }
}

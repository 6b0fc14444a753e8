import ArgumentParser
import Foundation

// Usage errors exit 2, as the README documents (ArgumentParser's own default is 64).
do {
    var command = try Trellis.parseAsRoot()
    if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
    } else {
        try command.run()
    }
} catch {
    let code = Trellis.exitCode(for: error)
    if code == .validationFailure {
        FileHandle.standardError.write(Data((Trellis.fullMessage(for: error) + "\n").utf8))
        exit(2)
    }
    Trellis.exit(withError: error)
}

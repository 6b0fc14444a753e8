import ArgumentParser
import Foundation

// Usage errors exit 2, as the README documents (ArgumentParser's own default is 64).
await Trellis.run(CommandLine.arguments.dropFirst().map { $0 })

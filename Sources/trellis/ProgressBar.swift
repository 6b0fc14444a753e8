import Foundation
import TrellisCore

/// A one-line progress bar on standard error, for builds that take more than a second; nothing
/// at all when standard error is not a terminal (CI logs, pipes) or with --quiet.
final class ProgressBar: @unchecked Sendable {
    private let started = Date()
    private let lock = NSLock()
    private var drawn = false
    let enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled && Terminal.errorIsTTY
    }

    func update(_ stage: StageTimings.Stage, _ done: Int, _ total: Int) {
        guard enabled, total > 0, Date().timeIntervalSince(started) > 1 else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data("\r\(bar) \(stage.rawValue) \(done)/\(total)\u{1B}[K".utf8))
        drawn = true
    }

    /// Clears the line before the summary is printed.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

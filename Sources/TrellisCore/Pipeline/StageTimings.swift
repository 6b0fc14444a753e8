import Dispatch
import Foundation

/// How long each stage of a run took, for `--timings` and the summary line.
public struct StageTimings: Sendable {
    public enum Stage: String, Sendable, CaseIterable {
        case scan, parse, resolve, render, index, write
    }

    public private(set) var seconds: [Stage: Double] = [:]
    private let started = DispatchTime.now().uptimeNanoseconds

    public init() {}

    /// Seconds since these timings were started: the run's wall-clock time, with the work between
    /// stages that no stage counts.
    public var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }

    /// Counts time measured elsewhere (a stage run on another thread, alongside others).
    mutating func add(_ stage: Stage, seconds: Double) { self.seconds[stage, default: 0] += seconds }

    public mutating func measure<T>(_ stage: Stage, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { seconds[stage, default: 0] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        return try work()
    }
}

/// Time spent in two stages that the same threads interleave (each page rendered, then written):
/// it counts each stage's time on every thread, and `split` shares a stretch of wall-clock time
/// between the stages in that proportion, so `--timings` still adds up to the run.
final class SplitClock: @unchecked Sendable {  // `nanoseconds` only under `lock`
    private var nanoseconds: [StageTimings.Stage: UInt64] = [:]
    private let lock = NSLock()

    func measure<T>(_ stage: StageTimings.Stage, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { add(stage, DispatchTime.now().uptimeNanoseconds - start) }
        return try work()
    }

    func add(_ stage: StageTimings.Stage, _ spent: UInt64) {
        lock.lock()
        nanoseconds[stage, default: 0] += spent
        lock.unlock()
    }

    /// Adds `wall` nanoseconds to `timings`, shared among the stages measured since the last split.
    func split(_ wall: UInt64, into timings: inout StageTimings) {
        lock.lock()
        let spent = nanoseconds
        nanoseconds = [:]
        lock.unlock()
        let total = spent.values.reduce(0, +)
        guard total > 0 else { return }
        for (stage, part) in spent {
            timings.add(stage, seconds: Double(wall) / 1e9 * Double(part) / Double(total))
        }
    }
}

import Dispatch

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

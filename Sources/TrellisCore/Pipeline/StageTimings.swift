import Dispatch

/// How long each stage of a run took, for `--timings` and the summary line.
public struct StageTimings: Sendable {
    public enum Stage: String, Sendable, CaseIterable {
        case scan, parse, resolve, render, index, write
    }

    public private(set) var seconds: [Stage: Double] = [:]
    private let started = DispatchTime.now().uptimeNanoseconds

    public init() {}

    /// Seconds since these timings were started: the run's wall-clock time. It is less than the
    /// stages' sum when stages overlap, and more when work between them is not counted in any.
    public var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }

    /// Adds time measured elsewhere (on another thread) to a stage.
    public mutating func add(_ stage: Stage, _ time: Double) { seconds[stage, default: 0] += time }

    public mutating func measure<T>(_ stage: Stage, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { add(stage, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        return try work()
    }

}

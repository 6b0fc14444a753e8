import Dispatch

/// How long each stage of a run took, for `--timings` and the summary line.
public struct StageTimings: Sendable {
    public enum Stage: String, Sendable, CaseIterable {
        case scan, parse, resolve, render, index, write
    }

    public private(set) var seconds: [Stage: Double] = [:]

    public init() {}

    public mutating func measure<T>(_ stage: Stage, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { seconds[stage, default: 0] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        return try work()
    }

    public var total: Double { seconds.values.reduce(0, +) }
}

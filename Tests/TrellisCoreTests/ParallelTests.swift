import Foundation
import Testing

@testable import TrellisCore

@Suite("Parallel work")
struct ParallelTests {
    @Test("a map keeps input order, nested inside another map and inside `both`")
    func nestedMaps() {
        let outer = Array(0..<40)
        let squares = Parallel.map(outer, jobs: 2) { row in
            Parallel.map(Array(0..<50), jobs: 2) { column in row * 100 + column }.reduce(0, +)
        }
        #expect(squares == outer.map { row in (0..<50).map { row * 100 + $0 }.reduce(0, +) })
        let (left, right) = Parallel.both(jobs: 2) {
            Parallel.map(Array(0..<1000), jobs: 2) { $0 * 2 }
        } _: {
            Parallel.map(Array(0..<1000), jobs: 2) { $0 * 3 }
        }
        #expect(left == (0..<1000).map { $0 * 2 } && right == (0..<1000).map { $0 * 3 })
    }

    @Test("--jobs 1 runs on the calling thread, in order")
    func oneJob() {
        let caller = pthread_self()
        nonisolated(unsafe) var order: [Int] = []
        let threads = Parallel.map(Array(0..<100), jobs: 1) { index -> Bool in
            order.append(index)
            return pthread_equal(pthread_self(), caller) != 0
        }
        #expect(threads.allSatisfy { $0 } && order == Array(0..<100))
    }

    @Test("batches handed out from several threads at once all finish")
    func concurrentBatches() {
        let pending = (0..<4).map { offset in
            Parallel.Pending(jobs: 2) { Parallel.map(Array(0..<2000), jobs: 2) { $0 + offset }.reduce(0, +) }
        }
        let here = Parallel.map(Array(0..<2000), jobs: 2) { $0 }.reduce(0, +)
        #expect(pending.enumerated().allSatisfy { offset, work in work.wait() == here + 2000 * offset })
    }

    @Test("interleaved stages share the wall-clock time in proportion, and a split starts afresh")
    func splitClock() {
        let clock = SplitClock()
        var timings = StageTimings()
        // From several threads, as pages rendered and written on every core are counted.
        _ = Parallel.map(Array(0..<400), jobs: 2) { index in
            clock.add(index.isMultiple(of: 4) ? .write : .render, 1_000)
        }
        clock.split(2_000_000_000, into: &timings)
        #expect(timings.seconds[.render] == 1.5 && timings.seconds[.write] == 0.5)
        clock.split(1_000_000_000, into: &timings)  // nothing measured since: nothing added
        clock.add(.write, 7)
        clock.split(1_000_000_000, into: &timings)
        #expect(timings.seconds[.render] == 1.5 && timings.seconds[.write] == 1.5 && timings.seconds[.parse] == nil)
    }
}

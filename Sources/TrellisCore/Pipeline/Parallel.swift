import Dispatch
import Foundation

/// Runs independent work on every core. Results come back in input order, so the output of a
/// build never depends on scheduling.
enum Parallel {
    /// The number of workers: `--jobs` when given, else the machine's active cores.
    static func workers(_ jobs: Int?) -> Int {
        max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], jobs: Int?, _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        let workers = workers(jobs)
        if workers == 1 || inputs.count < 2 { return inputs.map(transform) }
        let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: inputs.count)
        results.initialize(repeating: nil)
        defer {
            // Release the results kept in the buffer (found by LeakSanitizer), then the buffer.
            _ = results.deinitialize()
            results.deallocate()
        }
        let box = ResultBox(results)
        // Small chunks keep both cores busy when note sizes vary.
        let chunk = max(1, min(64, inputs.count / (workers * 8)))
        let chunks = (inputs.count + chunk - 1) / chunk
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.increment()
                guard index < chunks else { return }
                for item in (index * chunk)..<min(inputs.count, (index + 1) * chunk) {
                    box.buffer[item] = transform(inputs[item])
                }
            }
        }
        return results.map { $0! }
    }
}

extension Parallel {
    /// Two independent pieces of work at once (one after the other with a single job).
    static func both<First: Sendable, Second: Sendable>(
        jobs: Int?, _ first: @Sendable () -> First, _ second: @Sendable () -> Second
    ) -> (First, Second) {
        if workers(jobs) == 1 { return (first(), second()) }
        nonisolated(unsafe) var one: First?
        nonisolated(unsafe) var two: Second?
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { one = first() } else { two = second() }
        }
        return (one!, two!)
    }
}

extension Parallel {
    /// Work started on another thread now and waited for later, alongside whatever the caller
    /// does meanwhile (which may itself run in parallel). With a single job it runs at once.
    final class Pending<Value: Sendable>: @unchecked Sendable {  // `value` is set before `done` is left
        private var value: Value?
        private let done = DispatchGroup()

        init(jobs: Int?, _ work: @escaping @Sendable () -> Value) {
            guard Parallel.workers(jobs) > 1 else {
                value = work()
                return
            }
            done.enter()
            DispatchQueue.global().async {
                self.value = work()
                self.done.leave()
            }
        }

        func wait() -> Value {
            done.wait()
            return value!
        }
    }
}

extension Parallel {
    /// Lets `value` go on another thread, so that freeing a large structure (the link index of
    /// ten thousand notes, a hundred thousand resolved links) does not hold this one up. The
    /// caller drops its own reference as it returns; whichever is let go last frees it.
    static func letGo<Value: Sendable>(_ value: Value, jobs: Int?) {
        guard workers(jobs) > 1 else { return }
        DispatchQueue.global().async { withExtendedLifetime(value) {} }
    }
}

/// Each worker writes distinct indices of the buffer, so sharing it is safe.
private final class ResultBox<Output>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Output?>
    init(_ buffer: UnsafeMutableBufferPointer<Output?>) { self.buffer = buffer }
}

private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }
}

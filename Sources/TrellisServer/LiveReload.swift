import Foundation

/// Tells every open page that the site changed, over Server-Sent Events.
///
/// Each page subscribes with `EventSource('/_trellis/live')`; after a rebuild the server sends
/// `reload`, after a failed rebuild `problem` with the error text (the page shows it as an
/// overlay and keeps the last good site).
public final class LiveReload: @unchecked Sendable {
    public enum Event: Sendable, Equatable {
        case reload
        case problem(String)

        /// The event as SSE text.
        var wire: String {
            switch self {
            case .reload: return "event: reload\ndata: {}\n\n"
            case .problem(let message):
                let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }
                return "event: problem\n" + lines.joined(separator: "\n") + "\n\n"
            }
        }
    }

    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<Event>.Continuation] = [:]
    private var closed = false

    public init() {}

    public var subscriberCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return subscribers.count
    }

    /// A stream of events for one page; it ends when the page goes away or the server stops.
    func subscribe() -> AsyncStream<Event> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(8))
        lock.lock()
        if closed {
            continuation.finish()
        } else {
            subscribers[id] = continuation
        }
        lock.unlock()
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.lock.lock()
            self.subscribers[id] = nil
            self.lock.unlock()
        }
        return stream
    }

    public func send(_ event: Event) {
        lock.lock()
        let targets = Array(subscribers.values)
        lock.unlock()
        for continuation in targets { continuation.yield(event) }
    }

    /// Ends every stream, so open event connections close and shutdown is not held up.
    public func close() {
        lock.lock()
        closed = true
        let targets = Array(subscribers.values)
        subscribers.removeAll()
        lock.unlock()
        for continuation in targets { continuation.finish() }
    }

    /// The script injected into every HTML page the preview server sends.
    static let script = """
        (function () {
          if (!window.EventSource) return;
          var source = new EventSource('/_trellis/live');
          function overlay(text) {
            var box = document.getElementById('trellis-problem');
            if (!text) { if (box) box.remove(); return; }
            if (!box) {
              box = document.createElement('pre');
              box.id = 'trellis-problem';
              box.setAttribute('role', 'alert');
              box.style.cssText = 'position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:9999;margin:0;padding:1rem;' +
                'max-height:40vh;overflow:auto;background:#2b0b0b;color:#ffdede;border:2px solid #ff6b6b;' +
                'border-radius:8px;font:13px/1.4 ui-monospace,monospace;white-space:pre-wrap';
              document.body.appendChild(box);
            }
            box.textContent = 'Trellis could not rebuild the site; showing the last good build.\\n\\n' + text;
          }
          source.addEventListener('reload', function () { location.reload(); });
          source.addEventListener('problem', function (event) { overlay(event.data); });
        })();
        """
}

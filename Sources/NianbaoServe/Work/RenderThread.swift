import Foundation
import NianbaoLayout
import NianbaoRender
import NianbaoStyle

/// The one thread that lays out and draws (PDF, OFD, handouts, page images). Pango's font
/// maps are per thread and only the registering thread learns of nianbao's fonts
/// (`FontSetup.register`), and a shaper is not shareable; so every job that shapes text runs
/// here, one after another, with the fonts registered and the shaper made on this thread.
final class RenderThread: @unchecked Sendable {  // jobs guarded by `condition`
    /// What a job gets: the style and a shaper made on this thread.
    final class Tools {
        let style: Style
        let shaper: PangoShaper
        let reportLayout: ReportLayout
        init(style: Style) {
            self.style = style
            shaper = PangoShaper()
            reportLayout = ReportLayout(style: style, shaper: shaper)
        }
    }

    private let condition = NSCondition()
    private var jobs: [(Tools) -> Void] = []
    private var stopped = false

    init(style: Style, fontDirectories: [String]) {
        let thread = Thread { [self] in
            FontSetup.register(directories: fontDirectories)
            let tools = Tools(style: style)
            while true {
                condition.lock()
                while jobs.isEmpty && !stopped { condition.wait() }
                if jobs.isEmpty { condition.unlock(); return }
                let job = jobs.removeFirst()
                condition.unlock()
                job(tools)
            }
        }
        thread.name = "nianbao-render"
        thread.start()
    }

    /// Runs `body` on the render thread and returns what it returns or throws.
    func run<T: Sendable>(_ body: @escaping (Tools) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            jobs.append { tools in continuation.resume(with: Result { try body(tools) }) }
            condition.signal()
            condition.unlock()
        }
    }

    /// Lets the thread end once its queued jobs are done.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }
}

import Foundation
import Reports
import Synchronization

/// Whether a command shows its progress line (`--progress`).
public enum ProgressMode: String, Sendable, CaseIterable {
    /// On standard error when it is a terminal (the default): never in files or pipes.
    case auto
    /// Always (for tests and for people who watch a log with `tail -f`).
    case always
    /// Never.
    case never

    /// Whether progress is shown when standard error is (`isTerminal`) or is not a terminal.
    public func shows(standardErrorIsTerminal isTerminal: Bool) -> Bool {
        switch self {
        case .auto: isTerminal
        case .always: true
        case .never: false
        }
    }
}

/// Draws progress events on one line of a terminal: redrawn in place (`\r`, clear to the end of
/// the line) at most every ``minimumInterval``, except stage changes, which are drawn at once;
/// ``finish()`` ends the line with a line break.
///
/// Events arrive from solving threads (branch-and-cut callbacks, pricing rounds, parallel sweep
/// points): one mutex guards the state and the write, so lines never interleave.
public final class ProgressDisplay: Sendable {
    private let language: ReportLanguage
    private let output: @Sendable (String) -> Void
    private let start: ContinuousClock.Instant
    private let minimumInterval: Duration

    /// What the display has drawn: when last, whether a line is open, and the stage it is in.
    private struct State {
        var lastDraw: ContinuousClock.Instant?
        var drawn = false
        var stage: ProgressStage?
    }
    /// The state, and the right to write (the write happens under the lock).
    private let state = Mutex(State())

    /// A display writing to `output`, timing from `start`; `minimumInterval` between redraws.
    public init(language: ReportLanguage, start: ContinuousClock.Instant = .now, minimumInterval: Duration = .milliseconds(250),
                output: @escaping @Sendable (String) -> Void) {
        self.language = language
        self.start = start
        self.minimumInterval = minimumInterval
        self.output = output
    }

    /// The display on standard error for `mode`, or nil when progress is not shown there
    /// (`auto` and standard error is not a terminal, or `never`).
    public static func standardError(mode: ProgressMode, language: ReportLanguage,
                                     start: ContinuousClock.Instant = .now) -> ProgressDisplay? {
        guard mode.shows(standardErrorIsTerminal: isatty(STDERR_FILENO) == 1) else { return nil }
        return ProgressDisplay(language: language, start: start) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// Shows `event` (a stage at once; other events when the last redraw is old enough).
    public func report(_ event: ProgressEvent) {
        state.withLock { state in
            let now = ContinuousClock.now
            if case .stage(let next) = event {
                state.stage = next
            } else if let last = state.lastDraw, last.duration(to: now) < minimumInterval {
                return
            }
            state.lastDraw = now
            state.drawn = true
            let elapsed = start.duration(to: now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            output(ProgressText.redraw(ProgressText.line(event, stage: state.stage, elapsed: seconds, language: language)))
        }
    }

    /// Ends the progress line with a line break (nothing when nothing was drawn); call it before
    /// the command prints its results.
    public func finish() {
        state.withLock { state in
            guard state.drawn else { return }
            state.drawn = false
            output("\n")
        }
    }

    /// The receiver of events, for ``RunSettings/progress``.
    public var receiver: @Sendable (ProgressEvent) -> Void { { [self] event in report(event) } }
}

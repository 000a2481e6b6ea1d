import CartographInput
import CartographKit
import CartographModel
import CartographRender

/// The terminal of `serve`. Standard output's first line must be the `Serving … at …` line
/// (scripts read the port from it), so anything else for standard output waits until that
/// line is out; standard error is not held back.
package final class ServeConsole: Sendable {
    private struct State {
        var announced = false
        var held: [String] = []
    }

    private let state = Locked(State())
    private let writeOut: @Sendable (String) -> Void
    private let writeErr: @Sendable (String) -> Void

    /// A console writing through the given functions.
    package init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        writeOut = out
        writeErr = err
    }

    /// Prints the first line of standard output, then whatever was held back.
    func announce(_ line: String) {
        state.withLock { state in
            guard !state.announced else { return }
            state.announced = true
            writeOut(line)
            for text in state.held { writeOut(text) }
            state.held = []
        }
    }

    /// Prints to standard output, after the first line.
    func out(_ text: String) {
        state.withLock { state in
            if state.announced { writeOut(text) } else { state.held.append(text) }
        }
    }

    /// Prints to standard error.
    func err(_ text: String) {
        guard !text.isEmpty else { return }
        writeErr(text)
    }
}

import ArgumentParser
import CartographServer
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site: build, serve it on loopback, rebuild on save and reload the browser.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "The address to listen on. Anything but loopback lets other machines read the map.")
    var host = "127.0.0.1"

    @Option(
        help: "The port to listen on; 0 lets the system choose (the first line of output says which). Default: 8000, or the next free one.")
    var port: Int?

    @Flag(help: "Poll the inputs for changes instead of using inotify.")
    var poll = false

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() async throws {
        let root = try workspace.project()
        var port = self.port ?? 8000
        if port != 0, !ListenPort.isFree(host: host, port: port) {
            // Only the default moves: a port asked for is the one the user will open.
            guard self.port == nil, let next = ListenPort.nextFree(host: host, after: port) else {
                let busy = self.port == nil ? "ports \(port) to \(port + ListenPort.attempts) are all in use" : "the port is in use"
                Terminal.err("error: cannot serve on \(host):\(port): \(busy); choose another with --port, or --port 0 for any free one\n")
                throw ExitCode(1)
            }
            Terminal.err("port \(port) is in use; serving on \(next) instead\n")
            port = next
        }
        let server = PreviewServer(
            configuration: .init(
                root: root, configFile: workspace.config, host: host, port: port, polling: poll ? true : nil,
                color: Terminal.stderrColor),
            console: ServeConsole(out: { Terminal.out($0) }, err: { Terminal.err($0) }))
        do {
            try await server.run()
        } catch {
            Terminal.err("error: cannot serve on \(host):\(port): \(ListenPort.describe(error))\n")
            throw ExitCode(1)
        }
    }
}

extension Cartograph {
    /// The asynchronous entry point. Top-level code in main.swift resolves `Cartograph.main()`
    /// to the synchronous overload, which cannot run an async subcommand such as `serve`.
    static func asyncMain() async {
        await main()
    }
}

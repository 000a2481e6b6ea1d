import ArgumentParser
import CartographServer
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site: build, serve it on loopback, rebuild on save and reload the browser.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "The address to listen on. Anything but loopback lets other machines read the map.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 lets the system choose (the first line of output says which).")
    var port = 8000

    @Flag(help: "Poll the inputs for changes instead of using inotify.")
    var poll = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() async throws {
        let server = PreviewServer(
            configuration: .init(
                root: workspace.root, configFile: workspace.config, host: host, port: port, polling: poll ? true : nil,
                color: Terminal.stderrColor),
            console: ServeConsole(out: { Terminal.out($0) }, err: { Terminal.err($0) }))
        do {
            try await server.run()
        } catch {
            Terminal.err("error: cannot serve on \(host):\(port): \(error)\n")
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

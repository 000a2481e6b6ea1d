import CartographInput
import CartographKit
import CartographModel
import CartographRender
package import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `cartograph serve`: builds the workspace once, serves the site from memory, rebuilds
/// when an input changes and reloads the open pages.
package struct PreviewServer: Sendable {
    /// What to serve and where.
    package struct Configuration: Sendable {
        /// The folder to run in (`-C`).
        package var root: URL
        /// The `--config` file, relative to root.
        package var configFile: String?
        /// The address to listen on; loopback unless said otherwise.
        package var host: String
        /// 0 lets the system choose; the first line of output says which it chose.
        package var port: Int
        /// Poll the folders instead of using inotify.
        package var polling: Bool
        /// Colour in the diagnostics on the terminal.
        package var color: Bool
        /// How long a connection may take to send a request's headers, or sit idle between
        /// requests, before it is closed: a client that never finishes a request must not
        /// hold a connection forever.
        var idleTimeout: Duration = .seconds(10)
        /// The longest a build may run before it is abandoned.
        var buildLimit: Duration = Self.defaultBuildLimit

        /// Generous: the example builds in tens of milliseconds, and an input that hangs the
        /// build takes hours. A workspace whose builds are slow gets four times its last
        /// build's time (see ``RebuildService``), and a newer save never waits for a running
        /// build anyway.
        static let defaultBuildLimit: Duration = .seconds(60)
        /// More connections than a preview needs by far; beyond it new connections wait in
        /// the backlog until one closes (a slow one within `idleTimeout`). Half the process's
        /// file descriptors at most, so that a flood of connections never leaves a rebuild
        /// unable to open the inputs.
        static let maximumConnections: Int = {
            #if canImport(Glibc)
                let resource = Int32(RLIMIT_NOFILE.rawValue)
            #else
                let resource = RLIMIT_NOFILE
            #endif
            var limit = rlimit()
            guard getrlimit(resource, &limit) == 0 else { return 512 }
            return min(512, max(16, Int(clamping: limit.rlim_cur / 2)))
        }()
        /// How long Ctrl-C waits for requests in progress before it cancels them.
        static let shutdownGrace: Duration = .milliseconds(500)

        /// A configuration; `polling` defaults to on when `CARTOGRAPH_WATCH=poll` is set.
        package init(
            root: URL, configFile: String? = nil, host: String = "127.0.0.1", port: Int = 8000, polling: Bool? = nil,
            color: Bool = false
        ) {
            self.root = root
            self.configFile = configFile
            self.host = host
            self.port = port
            self.polling = polling ?? (ProcessInfo.processInfo.environment["CARTOGRAPH_WATCH"] == "poll")
            self.color = color
        }
    }

    /// What to serve and where.
    package var configuration: Configuration
    /// Where the serving line, rebuild lines and diagnostics go.
    package var console: ServeConsole

    /// A server that reports on `console`.
    package init(configuration: Configuration, console: ServeConsole) {
        self.configuration = configuration
        self.console = console
    }

    /// Builds, then serves until SIGINT or SIGTERM.
    package func run() async throws {
        let builder = PreviewBuilder(root: configuration.root, configFile: configuration.configFile, color: configuration.color)
        let first = await RebuildService.firstBuild(builder, limit: configuration.buildLimit)
        console.err(first.terminalText)
        if first.errors > 0 {
            console.err(
                "\(DiagnosticPrinter.summary(errors: first.errors, warnings: first.warnings)): serving the errors until they are fixed\n")
        }
        let host = configuration.host
        if !Self.isLoopback(host) {
            console.err(
                """
                WARNING: serving on \(host), which other machines can reach: anyone on the network can read this map.
                WARNING: use --host 127.0.0.1 unless you mean to share it.\n
                """)
        }
        let store = SiteStore(first.snapshot)
        let rebuild = RebuildService(
            builder: builder, initial: first, store: store, console: console, polling: configuration.polling,
            limit: configuration.buildLimit)
        let logger = Self.logger
        let title = first.snapshot.title
        let console = console
        let app = Self.application(
            store: store, host: host, port: configuration.port, idleTimeout: configuration.idleTimeout, services: [rebuild],
            logger: logger
        ) { channel in
            let port = channel.localAddress?.port ?? 0
            console.announce("Serving \(title) at http://\(Self.urlHost(host)):\(port)/\n")
        }
        defer { rebuild.stop() }
        var group = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // Ctrl-C must stop the server at once, whatever a client is doing: a response that
        // cannot be written (a client that stopped reading) is cancelled after a short grace.
        group.maximumGracefulShutdownDuration = Configuration.shutdownGrace
        try await ServiceGroup(configuration: group).run()
    }

    /// The HTTP application `serve` runs: the site from `store`, with the limits that keep
    /// hostile or broken clients from holding connections forever.
    static func application(
        store: SiteStore, host: String, port: Int, idleTimeout: Duration, services: [any Service] = [],
        logger: Logger = Self.logger, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> Application<SiteResponder<BasicRequestContext>> {
        // Hummingbird's idle timeout counts from the connection's start or its last response
        // until a complete request head arrives (bytes of a partial head do not count), so it
        // is the header timeout too; a response in progress (the event stream) is exempt.
        Application(
            responder: SiteResponder<BasicRequestContext>(store: store),
            server: .http1(configuration: .init(idleTimeout: TimeAmount(idleTimeout))),
            configuration: .init(
                address: .hostname(host, port: port), serverName: nil,
                availableConnectionsDelegate: .maximum(Configuration.maximumConnections, logger: logger)),
            services: services,
            onServerRunning: onServerRunning,
            logger: logger)
    }

    /// Warnings only: a request log would drown the rebuild lines.
    static var logger: Logger {
        var logger = Logger(label: "cartograph.serve")
        logger.logLevel = .warning
        return logger
    }

    /// Whether `host` is reachable only from this machine.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false).map { UInt8($0) }
        return octets.count == 4 && octets.allSatisfy { $0 != nil } && octets.first == 127
    }

    /// The host as it goes in a URL: IPv6 literals in brackets.
    static func urlHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}

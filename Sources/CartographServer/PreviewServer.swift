import CartographKit
public import Foundation
import Hummingbird
import Logging
import NIOCore

/// `cartograph serve`: builds the workspace once, serves the site from memory, rebuilds
/// when an input changes and reloads the open pages.
public struct PreviewServer: Sendable {
    /// What to serve and where.
    public struct Configuration: Sendable {
        /// The folder to run in (`-C`).
        public var root: URL
        /// The `--config` file, relative to root.
        public var configFile: String?
        /// The address to listen on; loopback unless said otherwise.
        public var host: String
        /// 0 lets the system choose; the first line of output says which it chose.
        public var port: Int
        /// Poll the folders instead of using inotify.
        public var polling: Bool
        /// Colour in the diagnostics on the terminal.
        public var color: Bool

        /// A configuration; `polling` defaults to on when `CARTOGRAPH_WATCH=poll` is set.
        public init(
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
    public var configuration: Configuration
    /// Where the serving line, rebuild lines and diagnostics go.
    public var console: ServeConsole

    /// A server that reports on `console`.
    public init(configuration: Configuration, console: ServeConsole) {
        self.configuration = configuration
        self.console = console
    }

    /// Builds, then serves until SIGINT or SIGTERM.
    public func run() async throws {
        let builder = PreviewBuilder(root: configuration.root, configFile: configuration.configFile, color: configuration.color)
        let first = builder.build()
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
            builder: builder, initial: first, store: store, console: console, polling: configuration.polling)
        var logger = Logger(label: "cartograph.serve")
        logger.logLevel = .warning
        let title = first.config.title
        let console = console
        let app = Application(
            responder: SiteResponder<BasicRequestContext>(store: store),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: nil),
            services: [rebuild],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                console.announce("Serving \(title) at http://\(Self.urlHost(host)):\(port)/\n")
            },
            logger: logger)
        defer { rebuild.stop() }
        try await app.runService()
    }

    /// Whether `host` is reachable only from this machine.
    public static func isLoopback(_ host: String) -> Bool {
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

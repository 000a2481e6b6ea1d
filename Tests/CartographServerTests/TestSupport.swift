import CartographTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Replaces a file the way editors do: write a new file, rename it over the old one.
func save(_ text: String, to url: URL) throws {
    try text.write(to: url, atomically: true, encoding: .utf8)
}

/// Polls `condition` until it holds or `timeout` passes; returns the time it took, or nil.
/// Sleeps with `Task.sleep`: a blocked thread of the (two-thread) cooperative pool could
/// starve the in-process servers of other tests.
func eventually(timeout: Duration, every interval: Duration = .milliseconds(20), _ condition: () throws -> Bool)
    async rethrows -> Duration?
{
    let clock = ContinuousClock()
    let start = clock.now
    while true {
        if try condition() { return clock.now - start }
        if clock.now - start > timeout { return nil }
        try? await Task.sleep(for: interval)
    }
}

/// The blocking twin of ``eventually``, for `deinit` and clean-up paths.
func waitUntil(timeout: Duration, every interval: Duration = .milliseconds(20), _ condition: () -> Bool) -> Bool {
    let clock = ContinuousClock()
    let start = clock.now
    while !condition() {
        if clock.now - start > timeout { return false }
        usleep(UInt32(interval / .microseconds(1)))
    }
    return true
}

/// Runs blocking work (socket reads) on a Dispatch thread instead of the cooperative pool.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

/// A reply read off the wire.
struct HTTPReply {
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A deliberately small HTTP/1.1 client over a POSIX socket: it sends the request target
/// byte for byte (no normalising of `..` or `%2e`), which is what the traversal tests need.
enum HTTPProbe {
    static func request(
        port: Int, _ target: String, method: String = "GET", headers: [String: String] = [:], timeout: Double = 5
    ) throws -> HTTPReply {
        let socket = try RawSocket(port: port, timeout: timeout)
        defer { socket.close() }
        var request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        try socket.send(request)
        var data: [UInt8] = []
        while let chunk = try socket.receive() { data += chunk }
        guard let split = find([13, 10, 13, 10], in: data) else { throw ProbeError("no header end in \(data.count) bytes") }
        let head = String(decoding: data[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = head.first?.split(separator: " ") ?? []
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw ProbeError("bad status line \(head)") }
        var fields: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(data[(split + 4)...])
        if fields["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body).payload }
        return HTTPReply(status: status, headers: fields, body: body)
    }

    /// Decodes whole chunks; returns the payload and how many bytes were consumed.
    static func dechunk(_ data: [UInt8]) -> (payload: [UInt8], consumed: Int) {
        var payload: [UInt8] = []
        var offset = 0
        while let lineEnd = find([13, 10], in: data, from: offset) {
            let sizeText = String(decoding: data[offset..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { break }
            let start = lineEnd + 2
            guard data.count >= start + size + 2 else { break }
            payload += data[start..<(start + size)]
            offset = start + size + 2
            if size == 0 { break }
        }
        return (payload, offset)
    }

    static func find(_ needle: [UInt8], in data: [UInt8], from start: Int = 0) -> Int? {
        guard data.count >= needle.count, start <= data.count - needle.count else { return nil }
        for index in start...(data.count - needle.count) where data[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }
}

struct ProbeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A TCP connection to 127.0.0.1.
final class RawSocket: @unchecked Sendable {
    private var fd: Int32

    init(port: Int, timeout: Double) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProbeError("socket() failed") }
        var time = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw ProbeError("cannot connect to 127.0.0.1:\(port)")
        }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw ProbeError("send failed") }
            sent += n
        }
    }

    /// The next bytes; nil at the end of the stream. Throws on timeout.
    func receive() throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n == 0 { return nil }
        guard n > 0 else { throw ProbeError("receive failed or timed out (errno \(errno))") }
        return Array(buffer[..<n])
    }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    /// Sends what it can without waiting; false once the connection is gone.
    @discardableResult func trySend(_ text: String) -> Bool { trySend(bytes: Array(text.utf8)) }

    /// Sends bytes as they are, valid UTF-8 or not, without waiting.
    @discardableResult func trySend(bytes: [UInt8]) -> Bool {
        let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        return n == bytes.count
    }

    /// Whether the server has closed (or reset) the connection, without waiting; whatever
    /// it sent first is read and dropped.
    var isClosedByPeer: Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n == 0 { return true }
            if n < 0 { return errno != EAGAIN && errno != EWOULDBLOCK }
        }
    }

    deinit { close() }
}

/// Many connections that send a request line a byte at a time and never finish it: a
/// slowloris attack. The bytes trickle from a thread of their own until `stop()`.
final class SlowClients: @unchecked Sendable {
    private let sockets: [RawSocket]
    private let lock = NSLock()
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    init(port: Int, count: Int, every interval: Duration = .milliseconds(200)) throws {
        sockets = try (0..<count).map { _ in try RawSocket(port: port, timeout: 30) }
        let request =
            Array("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 10_000)
        let thread = Thread { [self] in
            var offset = 0
            while !isStopped, offset < request.count {
                for socket in sockets { socket.trySend(bytes: [request[offset]]) }
                offset += 1
                usleep(UInt32(interval / .microseconds(1)))
            }
            finished.signal()
        }
        thread.start()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// How many of the connections the server has closed.
    var closedCount: Int { sockets.count { $0.isClosedByPeer } }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        finished.wait()
        for socket in sockets { socket.close() }
    }
}

/// Reads `/_cartograph/events` one event at a time.
final class EventStreamReader: @unchecked Sendable {
    private let socket: RawSocket
    private var raw: [UInt8] = []
    private var text = ""
    private var inBody = false
    /// The response head, once read.
    private(set) var head = ""

    init(port: Int, timeout: Double = 5) throws {
        socket = try RawSocket(port: port, timeout: timeout)
        try socket.send("GET /_cartograph/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    }

    /// The next event as (name, data), skipping comments; throws on timeout or end of stream.
    func next() throws -> (event: String, data: String) {
        while true {
            if let range = text.range(of: "\n\n") {
                let block = text[..<range.lowerBound]
                text = String(text[range.upperBound...])
                var name = "message"
                var data: [String] = []
                for line in block.split(separator: "\n") {
                    if line.hasPrefix("event:") { name = line.dropFirst(6).trimmingCharacters(in: .whitespaces) }
                    if line.hasPrefix("data:") { data.append(line.dropFirst(5).trimmingCharacters(in: .whitespaces)) }
                }
                if data.isEmpty && name == "message" { continue }  // a comment or a retry line
                return (name, data.joined(separator: "\n"))
            }
            guard let chunk = try socket.receive() else { throw ProbeError("event stream ended") }
            raw += chunk
            if !inBody, let split = HTTPProbe.find([13, 10, 13, 10], in: raw) {
                head = String(decoding: raw[..<split], as: UTF8.self)
                raw = Array(raw[(split + 4)...])
                inBody = true
            }
            if inBody {
                let (payload, consumed) = HTTPProbe.dechunk(raw)
                raw = Array(raw[consumed...])
                text += String(decoding: payload, as: UTF8.self)
            }
        }
    }

    func close() { socket.close() }
}

/// The real `cartograph` binary running `serve`, its output collected as it comes.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let output = NSLock()
    private var stdoutText = ""
    private var stderrText = ""

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = cartographBinary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.append(data, toStdout: true)
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.append(data, toStdout: false)
        }
        try process.run()
    }

    private func append(_ data: Data, toStdout: Bool) {
        output.lock()
        defer { output.unlock() }
        if toStdout { stdoutText += String(decoding: data, as: UTF8.self) } else { stderrText += String(decoding: data, as: UTF8.self) }
    }

    var stdout: String {
        output.lock()
        defer { output.unlock() }
        return stdoutText
    }

    var stderr: String {
        output.lock()
        defer { output.unlock() }
        return stderrText
    }

    /// The first line of standard output, waiting up to `timeout` for it.
    func firstLine(timeout: Duration = .seconds(30)) async throws -> String {
        _ = await eventually(timeout: timeout) { stdout.contains("\n") || !process.isRunning }
        guard let line = stdout.split(separator: "\n", omittingEmptySubsequences: false).first, stdout.contains("\n") else {
            throw ProbeError("no first line from serve; stderr:\n\(stderr)")
        }
        return String(line)
    }

    /// The port in the first line.
    func port() async throws -> Int {
        let line = try await firstLine()
        guard let colon = line.lastIndex(of: ":"), let port = Int(line[line.index(after: colon)...].dropLast()) else {
            throw ProbeError("no port in '\(line)'")
        }
        return port
    }

    /// Sends `signal` and waits for the exit; kills it if it takes longer than `timeout`.
    @discardableResult func stop(signal: Int32 = SIGINT, timeout: Duration = .seconds(10)) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, signal)
        if !waitUntil(timeout: timeout, { !process.isRunning }) {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }
}

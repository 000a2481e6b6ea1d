/// The files a build writes, by path relative to the output root: what `build` writes,
/// `check` compares and `serve` serves. Building it is pure; only ``OutputWriter`` touches disk.
public struct OutputSet: Sendable {
    public private(set) var files: [String: [UInt8]] = [:]

    public init() {}

    public mutating func add(_ path: String, _ text: String) {
        files[path] = Array(text.utf8)
    }

    public mutating func add(_ path: String, bytes: [UInt8]) {
        files[path] = bytes
    }

    public var paths: [String] { files.keys.sorted() }

    public func text(_ path: String) -> String? {
        files[path].map { String(decoding: $0, as: UTF8.self) }
    }
}

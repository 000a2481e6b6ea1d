// The libFuzzer entry point over CartographKit's fuzz targets. Built with
// `-sanitize=fuzzer,address -parse-as-library` (see `make fuzz`): libFuzzer supplies `main`.
// The target is named by CARTOGRAPH_FUZZ_TARGET (spec, config, status, doctl, page,
// injection, diagram, pipeline), so one instrumented binary serves them all.
@_spi(Fuzzing) import CartographKit
import Foundation

let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["CARTOGRAPH_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("set CARTOGRAPH_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(64)
    }
    return target
}()

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    // CARTOGRAPH_FUZZ_DICT=FILE writes the target's dictionary for `-dict` and exits.
    if let path = ProcessInfo.processInfo.environment["CARTOGRAPH_FUZZ_DICT"] {
        let lines = target.dictionary.map { word in
            let escaped = word.utf8.map { byte -> String in
                switch byte {
                case UInt8(ascii: "\\"): return "\\\\"
                case UInt8(ascii: "\""): return "\\\""
                case 0x20..<0x7F: return String(UnicodeScalar(byte))
                default: return String(format: "\\x%02X", byte)
                }
            }.joined()
            return "\"\(escaped)\""
        }
        FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        exit(0)
    }
    // CARTOGRAPH_FUZZ_MAX_LEN=1 prints the target's -max_len and exits.
    if ProcessInfo.processInfo.environment["CARTOGRAPH_FUZZ_MAX_LEN"] != nil {
        print(target.maxLength)
        exit(0)
    }
    _ = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    target.run(data)
    return 0
}

internal import CYaml
import Foundation
import Synchronization

/// libyaml parsers kept for the next text: a parser comes with 64 KiB of buffers, and a
/// build that parses a thousand specs of a kilobyte each took fresh memory for every one
/// (its page faults cost more than parsing the text). A parser given back is emptied as
/// ``reset(_:)`` says, keeping its buffers; a parser in use belongs to one caller alone.
enum YAMLParsers {
    /// A parser's address, handed between threads only through ``kept``.
    private struct Parser: @unchecked Sendable {
        var pointer: UnsafeMutablePointer<yaml_parser_t>
    }

    /// As many as the cores parse at once; more are deleted when given back.
    private static let most = 8
    private static let kept = Mutex<[Parser]>([])

    /// Runs `body` with a parser set to read `bytes` as UTF-8; nil when libyaml has no
    /// memory for a parser. libyaml keeps a pointer to the parser inside the parser (its
    /// string reader's data), so it sits at an address that never moves: the heap.
    /// - Parameter generalPath: true for a parser of its own that reads the text through
    ///   libyaml's reader, as every text was read before; for tests that compare the two.
    static func withParser<Result>(
        reading bytes: UnsafeBufferPointer<UInt8>, generalPath: Bool = false, _ body: (UnsafeMutablePointer<yaml_parser_t>) -> Result
    ) -> Result? {
        let parser: UnsafeMutablePointer<yaml_parser_t>
        if !generalPath, let reused = kept.withLock({ $0.popLast() }) {
            parser = reused.pointer
        } else {
            parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
            guard yaml_parser_initialize(parser) == 1 else {
                parser.deallocate()
                return nil
            }
        }
        defer {
            if generalPath {
                yaml_parser_delete(parser)
                parser.deallocate()
            } else {
                giveBack(parser)
            }
        }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        if !generalPath { fill(parser, with: bytes) }
        return body(parser)
    }

    /// Puts a text of printable ASCII, tabs and line breaks (a spec, nearly always) in the
    /// parser's buffer as libyaml's reader leaves it once it has read the whole input: the
    /// characters (each its byte: there is nothing to decode, and none is refused),
    /// then the NUL that marks the end, counted as unread like them. The reader then has
    /// nothing left to do, where it checked and copied the text a character at a time (a
    /// tenth of libyaml's time on a spec). Any other text is left to the reader.
    private static func fill(_ parser: UnsafeMutablePointer<yaml_parser_t>, with bytes: UnsafeBufferPointer<UInt8>) {
        guard let buffer = parser.pointee.buffer.start, bytes.count < parser.pointee.buffer.end - buffer,
            let source = bytes.baseAddress, isPrintableASCII(bytes)
        else { return }
        buffer.update(from: source, count: bytes.count)
        buffer[bytes.count] = 0
        parser.pointee.buffer.pointer = buffer
        parser.pointee.buffer.last = buffer + bytes.count + 1
        parser.pointee.unread = bytes.count + 1
        parser.pointee.offset = bytes.count
        parser.pointee.eof = 1
    }

    /// Whether every byte is printable ASCII, a tab, a line feed or a carriage return.
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte &- 0x20 >= 0x5F {
            guard byte == 0x09 || byte == 0x0A || byte == 0x0D else { return false }
        }
        return true
    }

    private static func giveBack(_ parser: UnsafeMutablePointer<yaml_parser_t>) {
        reset(parser)
        let isKept = kept.withLock { kept in
            guard kept.count < most else { return false }
            kept.append(Parser(pointer: parser))
            return true
        }
        guard !isKept else { return }
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// Makes `parser` what `yaml_parser_initialize` makes, with the buffers, queue and
    /// stacks it already has: frees what `yaml_parser_delete` frees besides them (the
    /// tokens still queued, the tag directives still open, when a caller stopped before
    /// the end of the stream), and sets every other field to zero as both do.
    static func reset(_ parser: UnsafeMutablePointer<yaml_parser_t>) {
        var old = parser.pointee
        while old.tokens.head != old.tokens.tail {
            yaml_token_delete(old.tokens.head)
            old.tokens.head += 1
        }
        while old.tag_directives.top != old.tag_directives.start {
            old.tag_directives.top -= 1
            free(old.tag_directives.top.pointee.handle)
            free(old.tag_directives.top.pointee.prefix)
        }
        var fresh = yaml_parser_t()
        fresh.raw_buffer.start = old.raw_buffer.start
        fresh.raw_buffer.end = old.raw_buffer.end
        fresh.raw_buffer.pointer = old.raw_buffer.start
        fresh.raw_buffer.last = old.raw_buffer.start
        fresh.buffer.start = old.buffer.start
        fresh.buffer.end = old.buffer.end
        fresh.buffer.pointer = old.buffer.start
        fresh.buffer.last = old.buffer.start
        fresh.tokens.start = old.tokens.start
        fresh.tokens.end = old.tokens.end
        fresh.tokens.head = old.tokens.start
        fresh.tokens.tail = old.tokens.start
        fresh.indents.start = old.indents.start
        fresh.indents.end = old.indents.end
        fresh.indents.top = old.indents.start
        fresh.simple_keys.start = old.simple_keys.start
        fresh.simple_keys.end = old.simple_keys.end
        fresh.simple_keys.top = old.simple_keys.start
        fresh.states.start = old.states.start
        fresh.states.end = old.states.end
        fresh.states.top = old.states.start
        fresh.marks.start = old.marks.start
        fresh.marks.end = old.marks.end
        fresh.marks.top = old.marks.start
        fresh.tag_directives.start = old.tag_directives.start
        fresh.tag_directives.end = old.tag_directives.end
        fresh.tag_directives.top = old.tag_directives.start
        parser.pointee = fresh
    }
}

package import CartographModel
import Synchronization

/// What the builds of one `serve` rendered, kept for the next: each output with the view it
/// was rendered from, and the results of costly pure steps (a page's Markdown as HTML)
/// keyed by their inputs. A rebuild computes every view again — cheap next to rendering —
/// and renders an output only when its view differs from the one its cached bytes came
/// from, or the templates changed. So what is served is always what a clean build would
/// write: nothing is reused on a guess about what an edit touches, only on equal inputs.
///
/// `build` and `check` use no cache (``RenderPass/uncached``) and render everything.
package final class RenderCache: Sendable {
    /// Entries are objects, so that marking one used changes no dictionary (the lock is held
    /// for a lookup and a store, never for a copy).
    private final class Entry: Sendable {
        /// The templates it was rendered with (``TemplateLibrary/generation``); 0 for a memo.
        let generation: Int
        // An Equatable & Sendable view for an output (only RenderPass.output stores one); nil for a memo.
        let view: (any Sendable)?
        // The bytes of an output, or a memo's Sendable value.
        let value: any Sendable
        /// The last pass that used it.
        let used: Atomic<Int>

        init(generation: Int, view: (any Sendable)?, value: any Sendable, used: Int) {
            self.generation = generation
            self.view = view
            self.value = value
            self.used = Atomic(used)
        }
    }

    private struct Templates: Sendable {
        var overrides: [String: TemplateSource]
        var displayPrefix: String
        var library: TemplateLibrary
        var diagnostics: [Diagnostic]
    }

    private struct State {
        var outputs: [String: Entry] = [:]
        var memos: [MemoKey: Entry] = [:]
        var templates: Templates?
        var generations = 0
        var passes = 0
        /// Entries after the last sweep: the next sweeps when there are twice as many.
        var swept = 0
    }

    private let state = Mutex(State())

    /// A pure step's inputs and the type of its result.
    struct MemoKey: Hashable, Sendable {
        private let key: AnySendableHashable
        private let value: ObjectIdentifier

        init<Key: Hashable & Sendable, Value>(key: Key, value: Value.Type) {
            self.key = AnySendableHashable(key)
            self.value = ObjectIdentifier(value)
        }
    }

    /// An empty cache.
    package init() {}

    /// Starts a build's use of the cache.
    package func pass() -> RenderPass {
        RenderPass(
            cache: self,
            number: state.withLock { state in
                state.passes += 1
                return state.passes
            })
    }

    /// The templates for these overrides, parsed once per version of them; their parse errors
    /// are reported on every build, as a clean build reports them.
    package func templates(overrides: [String: TemplateSource], displayPrefix: String, diagnostics: DiagnosticBag) -> TemplateLibrary {
        if let kept = state.withLock({ state in
            state.templates.flatMap { $0.overrides == overrides && $0.displayPrefix == displayPrefix ? $0 : nil }
        }) {
            diagnostics.append(contentsOf: kept.diagnostics)
            return kept.library
        }
        let bag = DiagnosticBag()
        var library = TemplateLibrary(overrides: overrides, displayPrefix: displayPrefix, diagnostics: bag)
        state.withLock { state in
            state.generations += 1
            library.generation = state.generations
            state.templates = Templates(overrides: overrides, displayPrefix: displayPrefix, library: library, diagnostics: bag.diagnostics)
        }
        diagnostics.append(contentsOf: bag.diagnostics)
        return library
    }

    func output<View: Equatable & Sendable>(_ path: String, view: View, generation: Int, pass: Int) -> [UInt8]? {
        // The views are compared outside the lock: app pages are looked up from every core.
        guard let entry = state.withLock({ $0.outputs[path] }), entry.generation == generation, entry.view as? View == view,
            let bytes = entry.value as? [UInt8]
        else { return nil }
        entry.used.max(pass, ordering: .relaxed)
        return bytes
    }

    func store<View: Equatable & Sendable>(_ path: String, view: View, bytes: [UInt8], generation: Int, pass: Int) {
        let entry = Entry(generation: generation, view: view, value: bytes, used: pass)
        state.withLock { $0.outputs[path] = entry }
    }

    func memo<Value: Sendable>(_ key: MemoKey, pass: Int) -> Value? {
        state.withLock { state in
            guard let entry = state.memos[key], let value = entry.value as? Value else { return nil }
            entry.used.max(pass, ordering: .relaxed)
            return value
        }
    }

    func storeMemo<Value: Sendable>(_ key: MemoKey, value: Value, pass: Int) {
        let entry = Entry(generation: 0, view: nil, value: value, used: pass)
        state.withLock { $0.memos[key] = entry }
    }

    /// Forgets what no build since `pass` used (a removed app's page, a page's old text) once
    /// the entries have doubled since the last time: a sweep looks at every entry.
    func forget(before pass: Int) {
        state.withLock { state in
            guard state.outputs.count + state.memos.count > 2 * max(state.swept, 1000) else { return }
            state.outputs = state.outputs.filter { $0.value.used.load(ordering: .relaxed) >= pass }
            state.memos = state.memos.filter { $0.value.used.load(ordering: .relaxed) >= pass }
            state.swept = state.outputs.count + state.memos.count
        }
    }
}

/// One build's use of a ``RenderCache``: renders through it, and records which outputs it
/// rendered (and so did not take from the cache).
package final class RenderPass: Memo.Store {
    private let cache: RenderCache?
    private let number: Int
    private let renderedPaths = Mutex<[String]>([])

    init(cache: RenderCache?, number: Int) {
        self.cache = cache
        self.number = number
    }

    /// A build that keeps nothing and renders every output.
    package static var uncached: RenderPass { RenderPass(cache: nil, number: 0) }

    /// What a build should set as ``Memo/current``: this pass when it keeps anything, else
    /// none, so that a step does not even make its key (a copy of an app, a box) only to
    /// run anyway — `build` makes a thousand such keys per diagram.
    package var memoStore: (any Memo.Store)? { cache == nil ? nil : self }

    /// The outputs this build rendered, sorted; the others came from the cache.
    package var rendered: [String] { renderedPaths.withLock { $0.sorted() } }

    /// The bytes of the output at `path`: the cached ones when `view` and the templates are
    /// those they were rendered from, else `render(view)`, kept for the next build. A failed
    /// render (nil) is not kept: the next build tries again and reports it again.
    package func output<View: Equatable & Sendable>(
        _ path: String, view: View, templates: TemplateLibrary, render: (View) -> String?
    ) -> [UInt8]? {
        output(path, view: view, templates: templates, bytes: { render($0).map { Array($0.utf8) } })
    }

    /// ``output(_:view:templates:render:)`` for a renderer that writes bytes.
    package func output<View: Equatable & Sendable>(
        _ path: String, view: View, templates: TemplateLibrary, bytes render: (View) -> [UInt8]?
    ) -> [UInt8]? {
        if let cache, let generation = templates.generation,
            let bytes = cache.output(path, view: view, generation: generation, pass: number)
        {
            return bytes
        }
        let bytes = render(view)
        renderedPaths.withLock { $0.append(path) }
        if let cache, let generation = templates.generation, let bytes {
            cache.store(path, view: view, bytes: bytes, generation: generation, pass: number)
        }
        return bytes
    }

    /// `make()`, or what it gave before for an equal `key` in the build running here (see
    /// ``Memo``): for steps deep in the renderers.
    package static func memo<Key: Hashable & Sendable, Value: Sendable>(_ key: @autoclosure () -> Key, _ make: () -> Value) -> Value {
        Memo.value(key(), make)
    }

    /// `make()`, or what it gave for an equal `key` before: for pure steps whose key is
    /// everything they read.
    package func value<Key: Hashable & Sendable, Value: Sendable>(_ key: Key, _ make: () -> Value) -> Value {
        guard let cache else { return make() }
        let key = RenderCache.MemoKey(key: key, value: Value.self)
        if let value: Value = cache.memo(key, pass: number) { return value }
        let value = make()
        cache.storeMemo(key, value: value, pass: number)
        return value
    }

    /// The templates for these overrides: parsed once per version of them with a cache.
    package func templates(overrides: [String: TemplateSource], displayPrefix: String, diagnostics: DiagnosticBag) -> TemplateLibrary {
        guard let cache else { return TemplateLibrary(overrides: overrides, displayPrefix: displayPrefix, diagnostics: diagnostics) }
        return cache.templates(overrides: overrides, displayPrefix: displayPrefix, diagnostics: diagnostics)
    }

    /// Ends a build that ran to the end: what it did not use goes.
    package func finish() {
        cache?.forget(before: number)
    }
}

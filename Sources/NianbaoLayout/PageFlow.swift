import NianbaoStyle

/// Fills pages top to bottom inside the type area, starting new pages as needed. Report
/// and comparison layouts both flow through it.
public struct PageFlow {
    public let geometry: PageGeometry
    public private(set) var pages: [Page] = [Page()]
    /// Top of the free space on the current page.
    public private(set) var y: Double
    /// The document's structure so far: a `Document` whose children are what `tag` added.
    public private(set) var structure = StructureElement(.document)

    public init(geometry: PageGeometry) {
        self.geometry = geometry
        self.y = geometry.top
    }

    public var left: Double { geometry.left }
    public var width: Double { geometry.typeWidth }
    public var bottom: Double { geometry.top + geometry.typeHeight }
    public var remaining: Double { bottom - y }
    public var pageIndex: Int { pages.count - 1 }
    public var atPageTop: Bool { y <= geometry.top + 0.01 }

    public mutating func newPage() {
        pages.append(Page())
        y = geometry.top
    }

    /// Starts a new page unless `height` still fits (a tiny tolerance for rounding).
    public mutating func ensure(_ height: Double) {
        if height > remaining + 0.01 && !atPageTop { newPage() }
    }

    public mutating func advance(_ height: Double) { y += height }

    /// Adds an item to the current page; it is an artifact unless an element names it.
    @discardableResult
    public mutating func add(_ item: FrameItem) -> ItemReference {
        pages[pages.count - 1].items.append(item)
        return ItemReference(page: pages.count - 1, item: pages[pages.count - 1].items.count - 1)
    }

    /// Adds an item to an earlier page (a mark drawn into a table row placed there).
    @discardableResult
    public mutating func add(_ item: FrameItem, toPage page: Int) -> ItemReference {
        pages[page].items.append(item)
        return ItemReference(page: page, item: pages[page].items.count - 1)
    }

    /// The pages, moved out of a finished flow (left with none), so that adding to every page
    /// (the page numbers) copies no page's items.
    mutating func takePages() -> [Page] {
        defer { pages = [] }
        return pages
    }

    /// Appends `element` to the document's structure (reading order is the order of calls).
    public mutating func tag(_ element: StructureElement) { structure.children.append(element) }

    /// Places shaped text (as `place(_:)`) as an element of its own.
    public mutating func place(_ text: ShapedText, as role: StructureElement.Role) {
        tag(StructureElement(role, content: place(text)))
    }

    /// Places shaped text, splitting it between pages by whole lines. A paragraph never
    /// leaves a single line at a page foot (orphan) nor carries a single line over to the
    /// next page (widow) when it has more (GB/T 9704 print, FORMAT.md §6).
    /// `keepingWithNext` is the height of what must follow the paragraph's last line on the
    /// same page (the closing block): when it does not fit there, the paragraph's last two
    /// lines (or the whole paragraph, when it has fewer than four) go to the next page with it.
    @discardableResult
    public mutating func place(_ text: ShapedText, keepingWithNext next: Double = 0) -> [ItemReference] {
        let block = text.block, lineCount = max(text.lines.count, 1)
        var placed: [ItemReference] = []
        var first = 0
        while first < lineCount {
            let fit = Int((remaining + 0.01) / block.lineHeight)
            let left = lineCount - first
            var n = Self.linesHere(fit: fit, left: left, atPageTop: atPageTop)
            if n == left, next > 0, remaining - Double(left) * block.lineHeight < next - 0.01, !atPageTop || left >= 4 {
                // …unless that leaves more than a quarter of the type area empty.
                let moved = left >= 4 ? left - 2 : 0
                if remaining - Double(moved) * block.lineHeight <= geometry.typeHeight / 4 { n = moved }
            }
            if n == 0 { newPage(); continue }
            placed.append(add(.text(text, x: geometry.left, y: y, lines: first..<(first + n))))
            advance(Double(n) * block.lineHeight)
            first += n
            if first < lineCount { newPage() }
        }
        return placed
    }

    /// How many of a paragraph's `left` lines go on a page with room for `fit`: all when they
    /// fit; else as many as leave at least two on each side; none (a new page) when that is
    /// not possible, unless the page is empty already.
    static func linesHere(fit: Int, left: Int, atPageTop: Bool) -> Int {
        if left <= fit { return left }
        var n = fit
        if left - n == 1 { n -= 1 }  // no widow
        if n < 2 { n = 0 }            // no orphan
        return n == 0 && atPageTop ? max(fit, 1) : n
    }

    /// Height of the first part of a paragraph of `lines` lines that may stand at a page foot:
    /// what must fit under a heading so that the heading does not end the page.
    public static func firstPart(lines: Int) -> Int { lines <= 3 ? lines : 2 }
}

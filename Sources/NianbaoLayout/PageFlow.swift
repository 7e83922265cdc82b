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

    /// Appends `element` to the document's structure (reading order is the order of calls).
    public mutating func tag(_ element: StructureElement) { structure.children.append(element) }

    /// Places shaped text (as `place(_:)`) as an element of its own.
    public mutating func place(_ text: ShapedText, as role: StructureElement.Role) {
        tag(StructureElement(role, content: place(text)))
    }

    /// Places shaped text, splitting it between pages by whole lines. A paragraph never
    /// leaves a single line at a page foot (orphan) nor carries a single line over to the
    /// next page (widow) when it has more.
    @discardableResult
    public mutating func place(_ text: ShapedText) -> [ItemReference] {
        let block = text.block, lineCount = max(text.lines.count, 1)
        var placed: [ItemReference] = []
        var first = 0
        while first < lineCount {
            var fit = Int((remaining + 0.01) / block.lineHeight)
            let left = lineCount - first
            if fit < left && fit == 1 && first == 0 && left > 1 { fit = 0 }
            if fit < left && left - fit == 1 && fit >= 2 { fit -= 1 }
            if fit <= 0 {
                if atPageTop { fit = 1 } else { newPage(); continue }
            }
            let n = min(fit, left)
            placed.append(add(.text(text, x: geometry.left, y: y, lines: first..<(first + n))))
            advance(Double(n) * block.lineHeight)
            first += n
            if first < lineCount { newPage() }
        }
        return placed
    }

}

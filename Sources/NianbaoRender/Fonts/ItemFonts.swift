import NianbaoLayout

/// How each text item of a document is drawn (by a writer: which embedded fonts, or as
/// outlines), keyed by its page and index. The font pass decides it once for every text item
/// and the page pass looks it up, so the two cannot pair an item with another's fonts, however
/// their rules for what to embed change.
struct ItemFonts<Drawing> {
    /// A text item as the font pass sees it.
    struct TextItem {
        let reference: ItemReference
        let shaped: ShapedText
        let lines: Range<Int>
        /// A page number (`Page.pagination`).
        let isPageNumber: Bool
    }

    /// Per page, from `pageStart[page]`: item index → its drawing (nil: not a text item).
    /// Arrays, not a dictionary by `ItemReference`: hashing it was a few per cent of writing.
    private var drawings: [Drawing?]
    private var pageStart: [Int]
    private let writer: String

    /// Asks `decide` for every text item of `document`, in reading order (pages, then items:
    /// fonts are numbered by first use, so this order fixes the output's bytes).
    init(_ document: PagedDocument, writer: String, _ decide: (TextItem) throws -> Drawing) rethrows {
        self.writer = writer
        var starts: [Int] = []
        starts.reserveCapacity(document.pages.count + 1)
        var total = 0
        for page in document.pages { starts.append(total); total += page.items.count }
        starts.append(total)
        pageStart = starts
        drawings = Array(repeating: nil, count: total)
        for (pageIndex, page) in document.pages.enumerated() {
            for index in page.items.indices {
                guard case let .text(shaped, _, _, lines) = page.items[index] else { continue }
                let reference = ItemReference(page: pageIndex, item: index)
                drawings[starts[pageIndex] + index] = try decide(TextItem(reference: reference, shaped: shaped, lines: lines, isPageNumber: page.pagination.contains(index)))
            }
        }
    }

    /// How text item `reference` is drawn; `UndecidedItem` when the font pass did not see it
    /// (a document changed between the passes).
    func drawing(of reference: ItemReference) throws(UndecidedItem) -> Drawing {
        guard reference.page >= 0, reference.page + 1 < pageStart.count, reference.item >= 0,
              reference.item < pageStart[reference.page + 1] - pageStart[reference.page],
              let drawing = drawings[pageStart[reference.page] + reference.item] else { throw UndecidedItem(writer: writer, item: reference) }
        return drawing
    }
}

/// A text item a writer's font pass did not decide on: the document it was given changed
/// under it, or the writer has a bug. Says which writer and which item.
struct UndecidedItem: Error, CustomStringConvertible {
    let writer: String
    let item: ItemReference
    var description: String { "\(writer): text item \(item.item) of page \(item.page + 1) has no fonts (it was not seen when the fonts were collected)" }
}

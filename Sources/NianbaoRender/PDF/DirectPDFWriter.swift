import Foundation
import NianbaoLayout

/// Writes a `PagedDocument` as PDF itself: the glyphs the frames carry (shaped for layout),
/// as codes of embedded TrueType subsets, rules and boxes, the structure tree, the outline
/// and the metadata (and, asked for, what PDF/A-2b adds). It exists for speed: Cairo's PDF
/// surface spends most of a report's time formatting numbers and re-encoding fonts.
/// Faces without TrueType outlines (CFF, bitmap) throw `UnsupportedFace`; `PDFWriter` then
/// uses Cairo for that document.
///
/// In phases: fonts (every glyph, so the subsets and their codes are known before any page),
/// object numbers, pages, resources, structure (tree and outline), trailer (catalog, info).
enum DirectPDFWriter {
    /// How a text item is drawn: in embedded fonts (one per face of its `ShapedText`), or,
    /// for a page number, filled as outlines of its faces.
    enum Drawing {
        case embedded([EmbeddedFonts.Use])
        case outlined([TrueTypeFace?])
    }

    /// The object numbers reserved before anything is written (pages refer forward to the
    /// page tree and fonts, the structure back to pages).
    struct Objects {
        let catalog: Int, pageTree: Int, info: Int
        let outlines: Int?
        let pages: [(page: Int, content: Int)]
        let structureRoot: Int?
    }

    static func write(_ document: PagedDocument, options: PDFWriter.Options) throws -> Data {
        var (fonts, drawings) = try collectFonts(document)
        defer { fonts.recycle() }
        // PDF/A-2 forbids drawing .notdef (ISO 19005-2 §6.2.11.8): a character no font has.
        if options.pdfa, let missing = fonts.charactersWithoutGlyph.first {
            throw PDFAError(reason: "「\(missing)」 has no glyph in any font nianbao found (install a font that has it, e.g. into fonts/)")
        }
        var file = PDFFile()
        var structure = document.structure.map { StructureTree($0, pages: document.pages) }
        let objects = reserve(document, fonts: &fonts, structure: &structure, in: &file)
        try writePages(document, fonts: fonts, drawings: drawings, structure: structure, objects: objects, into: &file)
        fonts.write(into: &file)
        structure?.write(into: &file, pages: objects.pages.map(\.page))
        if let outlines = objects.outlines {
            OutlineWriter.write(document.outline, root: outlines, pages: objects.pages.map(\.page), pageHeight: document.height, into: &file)
        }
        writeTrailer(document, options: options, objects: objects, into: &file)
        return file.finish(root: objects.catalog, info: objects.info)
    }

    /// Fonts: every glyph of every text item, its faces as embedded fonts, subset; page
    /// numbers are drawn as outlines and embed nothing.
    static func collectFonts(_ document: PagedDocument) throws -> (EmbeddedFonts, ItemFonts<Drawing>) {
        var fonts = EmbeddedFonts()
        let drawings = try ItemFonts(document, writer: "PDF") { item -> Drawing in
            if item.isPageNumber { return .outlined(try FaceCache.faces(of: item.shaped)) }
            return .embedded(try fonts.use(item.shaped, lines: item.lines))
        }
        fonts.makeSubsets()
        return (fonts, drawings)
    }

    /// Object numbers, in the order the file has always had them (the bytes depend on it).
    private static func reserve(_ document: PagedDocument, fonts: inout EmbeddedFonts, structure: inout StructureTree?, in file: inout PDFFile) -> Objects {
        let catalog = file.reserve(), pageTree = file.reserve(), info = file.reserve()
        let outlines = document.outline.isEmpty || document.pages.isEmpty ? nil : file.reserve()
        let pages = document.pages.map { _ in (page: file.reserve(), content: file.reserve()) }
        fonts.reserve(in: &file)
        let structureRoot = structure?.reserve(in: &file)
        return Objects(catalog: catalog, pageTree: pageTree, info: info, outlines: outlines, pages: pages, structureRoot: structureRoot)
    }

    /// Pages: each page's content stream and dictionary, then the page tree.
    private static func writePages(_ document: PagedDocument, fonts: EmbeddedFonts, drawings: ItemFonts<Drawing>, structure: StructureTree?,
                                   objects: Objects, into file: inout PDFFile) throws {
        let encodings = fonts.encodings
        for (pageIndex, (page, pageObjects)) in zip(document.pages, objects.pages).enumerated() {
            var content = PageContent(height: document.height)
            for (itemIndex, item) in page.items.enumerated() {
                let reference = ItemReference(page: pageIndex, item: itemIndex)
                // Tagged: what an element names is its marked content, the rest artifacts.
                let marking = structure?.marking(of: reference, pageNumber: page.pagination.contains(itemIndex))
                if let marking { content.begin(marking) }
                defer { if let marking { content.end(marking) } }
                switch item {
                case let .rule(x1, y1, x2, y2, width):
                    content.rule(x1: x1, y1: y1, x2: x2, y2: y2, width: width)
                case let .box(x, y, width, height, gray):
                    content.box(x: x, y: y, width: width, height: height, gray: gray)
                case let .text(shaped, x, y, lines):
                    switch try drawings.drawing(of: reference) {
                    case .outlined(let faces):
                        shaped.drawnLines(x: x, y: y, lines: lines) { content.outlined($0, size: shaped.block.font.size, faces: faces) }
                    case .embedded(let faces):
                        shaped.drawnLines(x: x, y: y, lines: lines) {
                            content.line($0, size: shaped.block.font.size, fonts: fonts, encodings: encodings, faces: faces) { shaped.text(of: $0) }
                        }
                    }
                }
            }
            content.closeArtifacts()
            content.out.withBytes { file.stream(pageObjects.content, UnsafeRawBufferPointer($0)) }
            file.object(pageObjects.page) { out in
                out.raw("<</Type/Page/Parent ")
                out.ref(objects.pageTree)
                out.raw("/MediaBox[0 0 ")
                out.number(document.width, decimals: 3)
                out.byte(0x20)
                out.number(document.height, decimals: 3)
                out.raw("]/Resources<</Font<<")
                fonts.resources(&out)
                out.raw(">>>>/Contents ")
                out.ref(pageObjects.content)
                if structure != nil {
                    // Its marked content's elements are entry `pageIndex` of the parent tree;
                    // tab order follows the structure.
                    out.raw("/StructParents ")
                    out.int(pageIndex)
                    out.raw("/Tabs/S")
                }
                out.raw(">>")
            }
        }
        file.object(objects.pageTree) { out in
            out.raw("<</Type/Pages/Count ")
            out.int(document.pages.count)
            out.raw("/Kids[")
            for page in objects.pages { out.ref(page.page); out.byte(0x20) }
            out.raw("]>>")
        }
    }

    /// Trailer: what PDF/A adds, the catalog and the document information.
    private static func writeTrailer(_ document: PagedDocument, options: PDFWriter.Options, objects: Objects, into file: inout PDFFile) {
        let archival = options.pdfa ? PDFA.write(document.metadata, date: options.creationDate, into: &file) : nil
        file.object(objects.catalog) { out in
            out.raw("<</Type/Catalog/Pages ")
            out.ref(objects.pageTree)
            if let outlines = objects.outlines {
                out.raw("/Outlines ")
                out.ref(outlines)
                out.raw("/PageMode/UseOutlines")
            }
            // The text's language (screen readers, search) and the report's title, not the
            // file name, in a viewer's title bar.
            if let structureRoot = objects.structureRoot {
                out.raw("/MarkInfo<</Marked true>>/StructTreeRoot ")
                out.ref(structureRoot)
            }
            archival?(&out)
            out.raw("/Lang(zh-CN)/ViewerPreferences<</DisplayDocTitle true>>>>")
        }
        file.object(objects.info) { out in
            // Empty entries are left out (XMP, for PDF/A, then has none to match).
            out.raw("<<")
            let entries: [(StaticString, String)] = [("/Title", document.metadata.title), ("/Author", document.metadata.author), ("/Subject", document.metadata.subject)]
            for (key, value) in entries where !value.isEmpty {
                out.raw(key)
                out.textString(value)
            }
            out.raw("/Creator(nianbao)/Producer(nianbao)")
            if let date = options.creationDate {
                let digits = date.filter(\.isNumber)
                out.raw("/CreationDate(D:")
                out.string(digits)
                out.raw("Z)/ModDate(D:")
                out.string(digits)
                out.raw("Z)")
            }
            out.raw(">>")
        }
    }
}

/// The bookmarks: a tree built from the entries' levels, each pointing at its page and height.
enum OutlineWriter {
    static func write(_ entries: [OutlineEntry], root: Int, pages: [Int], pageHeight: Double, into file: inout PDFFile) {
        let numbers = entries.map { _ in file.reserve() }
        // Parent of each entry (-1: the root) from the levels, as a stack walk.
        var parents: [Int] = []
        var stack: [Int] = []
        for (i, entry) in entries.enumerated() {
            while let top = stack.last, entries[top].level >= entry.level { stack.removeLast() }
            parents.append(stack.last ?? -1)
            stack.append(i)
        }
        func children(_ parent: Int) -> [Int] { entries.indices.filter { parents[$0] == parent } }
        func descendants(_ parent: Int) -> Int { children(parent).reduce(0) { $0 + 1 + descendants($1) } }
        func links(_ out: inout PDFBytes, _ kids: [Int]) {
            guard let first = kids.first, let last = kids.last else { return }
            out.raw("/First "); out.ref(numbers[first])
            out.raw("/Last "); out.ref(numbers[last])
        }
        file.object(root) { out in
            out.raw("<</Type/Outlines")
            links(&out, children(-1))
            out.raw("/Count ")
            out.int(descendants(-1))
            out.raw(">>")
        }
        for (i, entry) in entries.enumerated() {
            let siblings = children(parents[i])
            let position = siblings.firstIndex(of: i)!
            file.object(numbers[i]) { out in
                out.raw("<</Title ")
                out.textString(entry.title)
                out.raw("/Parent ")
                out.ref(parents[i] < 0 ? root : numbers[parents[i]])
                if position > 0 { out.raw("/Prev "); out.ref(numbers[siblings[position - 1]]) }
                if position + 1 < siblings.count { out.raw("/Next "); out.ref(numbers[siblings[position + 1]]) }
                let kids = children(i)
                links(&out, kids)
                if !kids.isEmpty { out.raw("/Count "); out.int(descendants(i)) }
                out.raw("/Dest[")
                out.ref(pages[min(max(entry.page, 0), pages.count - 1)])
                out.raw("/XYZ 0 ")
                out.number(pageHeight - entry.y)
                out.raw(" null]>>")
            }
        }
    }
}

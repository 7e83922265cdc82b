import Foundation
import NianbaoLayout

/// Writes a `PagedDocument` as PDF itself: the glyphs the frames carry (shaped for layout),
/// as codes of embedded TrueType subsets, rules and boxes, the structure tree, the outline
/// and the metadata (and, asked for, what PDF/A-2b adds). It exists for speed: Cairo's PDF
/// surface spends most of a report's time formatting numbers and re-encoding fonts.
/// Faces without TrueType outlines (CFF, bitmap) throw `UnsupportedFace`; `PDFWriter` then
/// uses Cairo for that document.
enum DirectPDFWriter {
    static func write(_ document: PagedDocument, options: PDFWriter.Options) throws -> Data {
        // Pass 1: every glyph, so the subsets (and their codes) are known before any page.
        // Each text item's faces as embedded fonts are kept in item order for pass 2.
        var fonts = EmbeddedFonts()
        var fontsOfItems: [[EmbeddedFonts.Use]] = []
        for page in document.pages {
            for (index, item) in page.items.enumerated() where !page.pagination.contains(index) {
                if case let .text(shaped, _, _, lines) = item { fontsOfItems.append(try fonts.use(shaped, lines: lines)) }
            }
        }
        fonts.makeSubsets()
        // PDF/A-2 forbids drawing .notdef (ISO 19005-2 §6.2.11.8): a character no font has.
        if options.pdfa, let missing = fonts.charactersWithoutGlyph.first {
            throw PDFAError(reason: "「\(missing)」 has no glyph in any font nianbao found (install a font that has it, e.g. into fonts/)")
        }
        var nextFonts = fontsOfItems.makeIterator()

        var file = PDFFile()
        let catalog = file.reserve(), pageTree = file.reserve(), info = file.reserve()
        let outlines = document.outline.isEmpty || document.pages.isEmpty ? nil : file.reserve()
        let pageObjects = document.pages.map { _ in (page: file.reserve(), content: file.reserve()) }
        fonts.reserve(in: &file)
        var structure = document.structure.map { StructureTree($0, pages: document.pages) }
        let structureRoot = structure?.reserve(in: &file)

        for (pageIndex, (page, objects)) in zip(document.pages, pageObjects).enumerated() {
            var content = PageContent(height: document.height)
            for (itemIndex, item) in page.items.enumerated() {
                let isPageNumber = page.pagination.contains(itemIndex)
                // Tagged: what an element names is its marked content, the rest artifacts.
                let marking = structure?.marking(page: pageIndex, item: itemIndex, pageNumber: isPageNumber)
                if let marking { content.begin(marking) }
                defer { if let marking { content.end(marking) } }
                switch item {
                case let .rule(x1, y1, x2, y2, width):
                    content.rule(x1: x1, y1: y1, x2: x2, y2: y2, width: width)
                case let .box(x, y, width, height, gray):
                    content.box(x: x, y: y, width: width, height: height, gray: gray)
                case let .text(shaped, x, y, lines) where isPageNumber:
                    let faces = try FaceCache.faces(of: shaped)
                    shaped.drawnLines(x: x, y: y, lines: lines) { content.outlined($0, size: shaped.block.font.size, faces: faces) }
                case let .text(shaped, x, y, lines):
                    let faces = nextFonts.next()!
                    shaped.drawnLines(x: x, y: y, lines: lines) {
                        content.line($0, size: shaped.block.font.size, fonts: fonts, faces: faces) { shaped.text(of: $0) }
                    }
                }
            }
            content.closeArtifacts()
            file.stream(objects.content, content.out.bytes)
            file.object(objects.page) { out in
                out.raw("<</Type/Page/Parent ")
                out.ref(pageTree)
                out.raw("/MediaBox[0 0 ")
                out.number(document.width, decimals: 3)
                out.byte(0x20)
                out.number(document.height, decimals: 3)
                out.raw("]/Resources<</Font<<")
                fonts.resources(&out)
                out.raw(">>>>/Contents ")
                out.ref(objects.content)
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
        file.object(pageTree) { out in
            out.raw("<</Type/Pages/Count ")
            out.int(document.pages.count)
            out.raw("/Kids[")
            for objects in pageObjects { out.ref(objects.page); out.byte(0x20) }
            out.raw("]>>")
        }
        fonts.write(into: &file)
        structure?.write(into: &file, pages: pageObjects.map(\.page))
        if let outlines {
            OutlineWriter.write(document.outline, root: outlines, pages: pageObjects.map(\.page), pageHeight: document.height, into: &file)
        }
        let archival = options.pdfa ? PDFA.write(document.metadata, date: options.creationDate, into: &file) : nil
        file.object(catalog) { out in
            out.raw("<</Type/Catalog/Pages ")
            out.ref(pageTree)
            if let outlines {
                out.raw("/Outlines ")
                out.ref(outlines)
                out.raw("/PageMode/UseOutlines")
            }
            // The text's language (screen readers, search) and the report's title, not the
            // file name, in a viewer's title bar.
            if let structureRoot {
                out.raw("/MarkInfo<</Marked true>>/StructTreeRoot ")
                out.ref(structureRoot)
            }
            archival?(&out)
            out.raw("/Lang(zh-CN)/ViewerPreferences<</DisplayDocTitle true>>>>")
        }
        file.object(info) { out in
            // Empty entries are left out (XMP, for PDF/A, then has none to match).
            out.raw("<<")
            for (key, value) in [("/Title", document.metadata.title), ("/Author", document.metadata.author), ("/Subject", document.metadata.subject)] where !value.isEmpty {
                out.raw(key)
                out.textString(value)
            }
            out.raw("/Creator(nianbao)/Producer(nianbao)")
            if let date = options.creationDate {
                let digits = date.filter(\.isNumber)
                out.raw("/CreationDate(D:\(digits)Z)/ModDate(D:\(digits)Z)")
            }
            out.raw(">>")
        }
        return Data(file.finish(root: catalog, info: info))
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

import Foundation
import NianbaoLayout
import ZIPFoundation

/// Writes a `PagedDocument` as OFD (GB/T 33190-2016), the national fixed-layout format that
/// Chinese records systems ask for: a zip package of OFD.xml (document info), Document.xml
/// (pages, outline), PublicRes.xml (fonts), one Content.xml per page, the fonts as embedded
/// TrueType subsets, and the logical structure as custom tags (`OFDStructure`). A sibling of
/// the PDF writer over the same frames: the same
/// glyphs at the same places (`ShapedText.drawnLines`), page numbers as outlines.
/// Deterministic: the same input and date give the same bytes.
public enum OFDWriter {
    static let namespace = "http://www.ofdspec.org/2016"

    /// How a text item is drawn: in the package's fonts (the font index of each face of its
    /// `ShapedText`), or, for a page number whose faces have TrueType outlines, as outlines.
    enum Drawing {
        case text(fontOfFace: [Int])
        case outlined([TrueTypeFace?])
    }

    /// The OFD package of `document`, created on `creationDate` (`YYYY-MM-DDTHH:MM:SS`; fixed
    /// for reproducible output, as `PDFWriter.Options.fromEnvironment` reads it).
    /// In phases: fonts, pages, resources, document (pages, outline, structure), package.
    public static func write(_ document: PagedDocument, creationDate: String? = PDFWriter.Options.default.creationDate) throws -> Data {
        let (fonts, drawings) = try collectFonts(document)
        // IDs: fonts first, then pages, then every object.
        let fontIDs = fonts.fonts.indices.map { $0 + 1 }
        let firstPageID = fonts.fonts.count + 1
        let pageIDs = document.pages.indices.map { firstPageID + $0 }
        let pageBox = "0 0 \(OFDPage.mm(document.width)) \(OFDPage.mm(document.height))"
        var files: [(String, [UInt8])] = []
        let pages = try writePages(document, fonts: fonts, fontIDs: fontIDs, drawings: drawings, firstID: firstPageID + document.pages.count,
                                   pageBox: pageBox, into: &files)
        writeResources(fonts, fontIDs: fontIDs, into: &files)
        writeDocument(document, pageIDs: pageIDs, pageBox: pageBox, maxID: pages.nextID - 1, objects: pages.objects, into: &files)
        return try package(files, metadata: document.metadata, date: creationDate ?? "2000-01-01T00:00:00")
    }

    /// Fonts: every glyph, so the subsets are known before any page. A page number whose
    /// faces have TrueType outlines is drawn as outlines; one whose face has none (no
    /// prepared fonts: the full Noto faces are CFF) is written as text, in a font the package
    /// names.
    static func collectFonts(_ document: PagedDocument) throws -> (OFDFonts, ItemFonts<Drawing>) {
        var fonts = OFDFonts()
        let drawings = try ItemFonts(document, writer: "OFD") { item -> Drawing in
            if item.isPageNumber, let faces = try? FaceCache.faces(of: item.shaped) { return .outlined(faces) }
            return .text(fontOfFace: try fonts.use(item.shaped, lines: item.lines))
        }
        fonts.makeSubsets()
        return (fonts, drawings)
    }

    /// Pages: one Content.xml each. Returns the object IDs that drew each item (for the
    /// structure's references) and the next free ID.
    private static func writePages(_ document: PagedDocument, fonts: OFDFonts, fontIDs: [Int], drawings: ItemFonts<Drawing>, firstID: Int,
                                   pageBox: String, into files: inout [(String, [UInt8])]) throws -> (objects: [ItemReference: Range<Int>], nextID: Int) {
        var nextID = firstID
        var objects: [ItemReference: Range<Int>] = [:]
        for (pageIndex, page) in document.pages.enumerated() {
            var content = OFDPage(firstID: nextID + 1)
            let layer = nextID
            for (index, item) in page.items.enumerated() {
                let reference = ItemReference(page: pageIndex, item: index)
                let first = content.nextID
                defer { objects[reference] = first..<content.nextID }
                switch item {
                case let .rule(x1, y1, x2, y2, width):
                    content.rule(x1: x1, y1: y1, x2: x2, y2: y2, width: width, pageBox: pageBox)
                case let .box(x, y, width, height, gray):
                    content.box(x: x, y: y, width: width, height: height, gray: gray, pageBox: pageBox)
                case let .text(shaped, x, y, lines):
                    switch try drawings.drawing(of: reference) {
                    case .outlined(let faces):
                        // A page number as outlines, as in the PDF: printed, but no text.
                        shaped.drawnLines(x: x, y: y, lines: lines) { content.outlined($0, size: shaped.block.font.size, faces: faces, pageBox: pageBox) }
                    case .text(let fontOfFace):
                        shaped.drawnLines(x: x, y: y, lines: lines) {
                            content.line($0, of: shaped, fonts: fonts, fontOfFace: fontOfFace) { fontIDs[$0] }
                        }
                    }
                }
            }
            nextID = content.nextID
            let xml = xmlHeader + "<ofd:Page xmlns:ofd=\"\(namespace)\"><ofd:Content><ofd:Layer ID=\"\(layer)\" Type=\"Body\">\n"
                + content.xml + "</ofd:Layer></ofd:Content></ofd:Page>\n"
            files.append(("Doc_0/Pages/Page_\(pageIndex)/Content.xml", Array(xml.utf8)))
        }
        return (objects, nextID)
    }

    /// Resources: PublicRes.xml and the embedded font files.
    private static func writeResources(_ fonts: OFDFonts, fontIDs: [Int], into files: inout [(String, [UInt8])]) {
        var publicRes = xmlHeader + "<ofd:Res xmlns:ofd=\"\(namespace)\" BaseLoc=\"Res\"><ofd:Fonts>\n"
        for (i, font) in fonts.fonts.enumerated() {
            let name = OFDPage.escaped(font.family)
            if let file = fonts.file(i) {
                publicRes += "<ofd:Font ID=\"\(fontIDs[i])\" FontName=\"\(name)\" FamilyName=\"\(name)\"><ofd:FontFile>font_\(i + 1).ttf</ofd:FontFile></ofd:Font>\n"
                files.append(("Doc_0/Res/font_\(i + 1).ttf", file))
            } else {
                publicRes += "<ofd:Font ID=\"\(fontIDs[i])\" FontName=\"\(name)\" FamilyName=\"\(name)\"/>\n"
            }
        }
        publicRes += "</ofd:Fonts></ofd:Res>\n"
        files.append(("Doc_0/PublicRes.xml", Array(publicRes.utf8)))
    }

    /// Document: Document.xml (pages, outline) first in the package, and the structure as
    /// custom tags; `objects` are the IDs that drew each item.
    private static func writeDocument(_ document: PagedDocument, pageIDs: [Int], pageBox: String, maxID: Int, objects: [ItemReference: Range<Int>],
                                      into files: inout [(String, [UInt8])]) {
        var documentXML = xmlHeader + "<ofd:Document xmlns:ofd=\"\(namespace)\"><ofd:CommonData>"
        documentXML += "<ofd:MaxUnitID>\(maxID)</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>\(pageBox)</ofd:PhysicalBox></ofd:PageArea>"
        documentXML += "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>\n<ofd:Pages>\n"
        for (i, id) in pageIDs.enumerated() { documentXML += "<ofd:Page ID=\"\(id)\" BaseLoc=\"Pages/Page_\(i)/Content.xml\"/>\n" }
        documentXML += "</ofd:Pages>\n"
        if !document.outline.isEmpty, !document.pages.isEmpty { documentXML += outline(document.outline, pageIDs: pageIDs) }
        if let structure = document.structure {
            documentXML += "<ofd:CustomTags>CustomTags.xml</ofd:CustomTags>\n"
            files.append(("Doc_0/CustomTags.xml", Array((xmlHeader + OFDStructure.index).utf8)))
            let tags = OFDStructure.tags(structure) { reference in objects[reference].map { (pageIDs[reference.page], $0) } }
            files.append(("Doc_0/Tags/Structure.xml", Array((xmlHeader + tags).utf8)))
        }
        documentXML += "</ofd:Document>\n"
        files.insert(("Doc_0/Document.xml", Array(documentXML.utf8)), at: 0)
    }

    private static let xmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

    /// Bookmarks: a tree from the entries' levels, each going to its page and height.
    private static func outline(_ entries: [OutlineEntry], pageIDs: [Int]) -> String {
        var xml = "<ofd:Outlines>\n"
        var open: [Int] = []  // levels of the elements not yet closed
        for entry in entries {
            while let level = open.last, level >= entry.level {
                xml += "</ofd:OutlineElem>\n"
                open.removeLast()
            }
            let page = pageIDs[min(max(entry.page, 0), pageIDs.count - 1)]
            xml += "<ofd:OutlineElem Title=\"\(OFDPage.escaped(entry.title))\"><ofd:Actions><ofd:Action Event=\"CLICK\"><ofd:Goto>"
            xml += "<ofd:Dest Type=\"XYZ\" PageID=\"\(page)\" Left=\"0\" Top=\"\(OFDPage.mm(entry.y))\"/></ofd:Goto></ofd:Action></ofd:Actions>\n"
            open.append(entry.level)
        }
        for _ in open { xml += "</ofd:OutlineElem>\n" }
        return xml + "</ofd:Outlines>\n"
    }

    /// 32 hexadecimal digits from the package's content: the same document, the same ID.
    private static func documentID(_ files: [(String, [UInt8])]) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x9e37_79b9_7f4a_7c15
        for (name, bytes) in files {
            for byte in Array(name.utf8) + bytes {
                a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
                b = (b &+ UInt64(byte)) &* 0xff51_afd7_ed55_8ccd
            }
        }
        return String(format: "%016llx%016llx", a, b)
    }

    /// Package: OFD.xml (document info, its ID from the other files) first, then the zip.
    private static func package(_ files: [(String, [UInt8])], metadata: DocumentMetadata, date: String) throws -> Data {
        let day = String(date.prefix(10))
        var info = "<ofd:DocID>\(documentID(files))</ofd:DocID>"
        if !metadata.title.isEmpty { info += "<ofd:Title>\(OFDPage.escaped(metadata.title))</ofd:Title>" }
        if !metadata.author.isEmpty { info += "<ofd:Author>\(OFDPage.escaped(metadata.author))</ofd:Author>" }
        if !metadata.subject.isEmpty { info += "<ofd:Subject>\(OFDPage.escaped(metadata.subject))</ofd:Subject>" }
        info += "<ofd:CreationDate>\(day)</ofd:CreationDate><ofd:ModDate>\(day)</ofd:ModDate><ofd:Creator>nianbao</ofd:Creator>"
        let root = xmlHeader + "<ofd:OFD xmlns:ofd=\"\(namespace)\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody>"
            + "<ofd:DocInfo>\(info)</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n"
        return try zip([("OFD.xml", Array(root.utf8))] + files, date: date)
    }

    /// The zip package, entries in a fixed order with a fixed date.
    private static func zip(_ files: [(String, [UInt8])], date: String) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        let modified = formatter.date(from: date) ?? Date(timeIntervalSince1970: 946_684_800)
        for (path, bytes) in files {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: modified,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        guard let data = archive.data else { throw OFDError(reason: "the zip package could not be made in memory") }
        return data
    }
}

/// Why an OFD package could not be made.
public struct OFDError: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public var description: String { "cannot write OFD: \(reason)" }
}

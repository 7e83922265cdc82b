import NianbaoLayout

/// The logical structure in an OFD package, as GB/T 33190-2016 §21 provides for it: a
/// custom tag file (`CustomTags.xml` names it) whose elements, one per structure element in
/// reading order, refer to the page objects that show them (`ofd:ObjectRef`). The element
/// names are the tagged PDF's (H1, P, Table, TR, TD …) in nianbao's namespace, so that the
/// PDF and the OFD say the same.
enum OFDStructure {
    static let namespace = "https://github.com/nianbao/nianbao/structure/1"

    /// The custom tags index (`Doc_0/CustomTags.xml`).
    static let index = "<ofd:CustomTags xmlns:ofd=\"\(OFDWriter.namespace)\"><ofd:CustomTag NameSpace=\"\(namespace)\">"
        + "<ofd:FileLoc>Tags/Structure.xml</ofd:FileLoc></ofd:CustomTag></ofd:CustomTags>\n"

    /// The tag file (`Doc_0/Tags/Structure.xml`); `objects` gives the page ID and the object
    /// IDs that drew each frame item.
    static func tags(_ root: StructureElement, objects: (ItemReference) -> (page: Int, ids: Range<Int>)?) -> String {
        var xml = "<nb:\(root.role.rawValue) xmlns:nb=\"\(namespace)\" xmlns:ofd=\"\(OFDWriter.namespace)\">\n"
        for child in root.children { element(child, depth: 1, objects: objects, into: &xml) }
        return xml + "</nb:\(root.role.rawValue)>\n"
    }

    private static func element(_ element: StructureElement, depth: Int, objects: (ItemReference) -> (page: Int, ids: Range<Int>)?, into xml: inout String) {
        let indent = String(repeating: " ", count: depth)
        var attributes = ""
        if element.rowSpan > 1 { attributes += " RowSpan=\"\(element.rowSpan)\"" }
        if element.columnSpan > 1 { attributes += " ColSpan=\"\(element.columnSpan)\"" }
        if let alternative = element.alternative { attributes += " Alt=\"\(OFDPage.escaped(alternative))\"" }
        let name = "nb:" + element.role.rawValue
        xml += indent + "<\(name)\(attributes)>"
        if !element.children.isEmpty {
            xml += "\n"
            for child in element.children { self.element(child, depth: depth + 1, objects: objects, into: &xml) }
            xml += indent
        }
        for reference in element.content {
            guard let drawn = objects(reference) else { continue }
            for id in drawn.ids { xml += "<ofd:ObjectRef PageRef=\"\(drawn.page)\">\(id)</ofd:ObjectRef>" }
        }
        xml += "</\(name)>\n"
    }
}

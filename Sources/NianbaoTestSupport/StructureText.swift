import Foundation

/// `pdfinfo -struct-text` read back as a tree, for tests of tagged PDFs.
public enum StructureText {
    /// An element: its type and the texts under it.
    public final class Node {
        public let role: String
        public var texts: [String] = []
        public var children: [Node] = []
        init(_ role: String) { self.role = role }
        /// This node and its descendants of type `role`, in order.
        public func all(_ role: String) -> [Node] { (self.role == role ? [self] : []) + children.flatMap { $0.all(role) } }
        /// Its texts and its children's, in order.
        public var text: String { (texts + children.map(\.text)).joined() }
    }

    /// Parses the indented tree pdfinfo prints: element lines (`TD`, `H1 (block)`, `TH:`
    /// followed by attribute lines), and quoted text lines.
    public static func parse(_ output: String) -> Node {
        let root = Node("root")
        var stack: [(indent: Int, node: Node)] = [(-1, root)]
        for line in output.split(separator: "\n") {
            let indent = line.prefix { $0 == " " }.count
            let content = line.trimmingCharacters(in: .whitespaces)
            if content.hasPrefix("/") { continue }  // an attribute of the element above
            while stack.count > 1, stack.last!.indent >= indent { stack.removeLast() }
            if content.hasPrefix("\"") {
                stack.last!.node.texts.append(String(content.dropFirst().dropLast()))
            } else {
                let node = Node(String(content.split(separator: " ").first ?? "").replacingOccurrences(of: ":", with: ""))
                stack.last!.node.children.append(node)
                stack.append((indent, node))
            }
        }
        return root
    }
}

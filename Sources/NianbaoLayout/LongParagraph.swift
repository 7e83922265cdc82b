/// Splits a very long paragraph into pieces that are laid out one after another. Pango lays
/// out a block as one unit: its cost grows with the block, and past about 100,000 characters
/// it no longer breaks the lines. Real paragraphs are a few hundred characters; a pasted
/// document without paragraph breaks is not, and must still print whole.
enum LongParagraph {
    /// Pieces are at most this many characters, cut after a sentence end when there is one.
    static let pieceLength = 2_000

    static func pieces(_ text: String) -> [String] {
        guard text.unicodeScalars.count > pieceLength else { return [text] }
        var out: [String] = []
        var rest = Substring(text)
        while rest.unicodeScalars.count > pieceLength {
            let window = rest.unicodeScalars.prefix(pieceLength)
            // The last sentence end in the second half of the window, else a clause end, else a hard cut.
            let half = window.index(window.startIndex, offsetBy: pieceLength / 2)
            let cut = window[half...].lastIndex(where: { "。！？；".unicodeScalars.contains($0) })
                ?? window[half...].lastIndex(where: { "，、".unicodeScalars.contains($0) })
            let end = cut.map { rest.unicodeScalars.index(after: $0) } ?? window.endIndex
            out.append(String(rest[..<end]))
            rest = rest[end...]
        }
        if !rest.isEmpty { out.append(String(rest)) }
        return out
    }
}

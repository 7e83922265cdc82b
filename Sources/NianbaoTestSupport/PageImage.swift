import Foundation

/// A page of a PDF rendered by poppler (`pdftoppm -gray`) as grey levels, for tests that
/// look at what prints: ink positions, and how much two renderings of a page agree.
public struct PageImage {
    public let width: Int
    public let height: Int
    /// One byte a pixel, row by row; 0 is black.
    public let pixels: [UInt8]

    /// Page `page` (from 1) of `pdf` at `dpi`, or scaled to `size` pixels when given (to
    /// compare pages whose files say different page sizes).
    public static func render(_ pdf: String, page: Int, dpi: Int = 40, size: (width: Int, height: Int)? = nil) throws -> PageImage {
        let prefix = pdf + "-page\(page)-\(dpi)"
        var arguments = ["-gray", "-f", "\(page)", "-l", "\(page)", "-singlefile"]
        if let size { arguments += ["-scale-to-x", "\(size.width)", "-scale-to-y", "\(size.height)"] } else { arguments += ["-r", "\(dpi)"] }
        let run = try Tool.run("pdftoppm", arguments + [pdf, prefix])
        guard run.status == 0 else { throw ToolFailure(message: "pdftoppm \(pdf): \(run.stderr)") }
        defer { try? FileManager.default.removeItem(atPath: prefix + ".pgm") }
        return try PageImage(pgm: [UInt8](Data(contentsOf: URL(fileURLWithPath: prefix + ".pgm"))))
    }

    /// Reads a binary PGM (P5): magic, width, height, maximum, each followed by whitespace.
    public init(pgm bytes: [UInt8]) throws {
        var fields: [Int] = [], i = 0
        while fields.count < 4, i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A { i += 1 }
            var field = ""
            while i < bytes.count, bytes[i] != 0x20, bytes[i] != 0x0A { field.append(Character(Unicode.Scalar(bytes[i]))); i += 1 }
            fields.append(field == "P5" ? 5 : Int(field) ?? -1)
        }
        i += 1
        guard fields.count == 4, fields[0] == 5, fields[1] > 0, fields[2] > 0, bytes.count >= i + fields[1] * fields[2] else {
            throw ToolFailure(message: "not a binary PGM image")
        }
        width = fields[1]
        height = fields[2]
        pixels = Array(bytes[i..<(i + width * height)])
    }

    public func isInk(_ x: Int, _ y: Int) -> Bool { pixels[y * width + x] < 160 }

    /// The share of this page's ink that lies within `reach` pixels of `other`'s ink (same
    /// size): 1 when every mark is where the other page has one too.
    public func inkCovered(by other: PageImage, reach: Int = 2) -> Double {
        precondition(width == other.width && height == other.height, "pages of different sizes")
        var near = [Bool](repeating: false, count: width * height)
        for y in 0..<height {
            for x in 0..<width where other.isInk(x, y) {
                for dy in max(0, y - reach)...min(height - 1, y + reach) {
                    for dx in max(0, x - reach)...min(width - 1, x + reach) { near[dy * width + dx] = true }
                }
            }
        }
        var ink = 0, covered = 0
        for y in 0..<height {
            for x in 0..<width where isInk(x, y) {
                ink += 1
                if near[y * width + x] { covered += 1 }
            }
        }
        return ink == 0 ? 1 : Double(covered) / Double(ink)
    }
}

/// A test tool that did not do its work.
public struct ToolFailure: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

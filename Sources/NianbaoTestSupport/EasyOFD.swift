import Foundation

/// easyofd (PyPI), the independent OFD reader tests use, through `scripts/read-ofd.py`;
/// `make test-tools` installs it into `.build/ofd-venv`.
public enum EasyOFD {
    public static let python = TestPaths.root.appendingPathComponent(".build/ofd-venv/bin/python").path
    static let script = TestPaths.root.appendingPathComponent("scripts/read-ofd.py").path

    /// What easyofd found: page area (mm), per page the texts of the text objects, the fonts;
    /// and the structure (custom tags, read by the script with Python's zipfile and
    /// ElementTree): each element as [type, depth, the text of the objects it names].
    public struct Read: Decodable {
        public var size: [Double]
        public var pages: [[String]]
        public var fonts: [String]
        public var structure: [Element]

        public struct Element: Decodable {
            public var role: String
            public var depth: Int
            public var text: String

            public init(from decoder: Decoder) throws {
                var fields = try decoder.unkeyedContainer()
                role = try fields.decode(String.self)
                depth = try fields.decode(Int.self)
                text = try fields.decode(String.self)
            }
        }
    }

    /// Why the OFD read-back cannot run here, when easyofd is not installed and the run does not
    /// require it: `swift test` alone on a fresh clone skips these checks, `make test` (which
    /// installs easyofd and sets NIANBAO_REQUIRE_TEST_TOOLS=1) fails on a missing reader instead.
    public static var skipReason: String? {
        FileManager.default.isExecutableFile(atPath: python) || TestTools.required ? nil
            : "easyofd is not installed in .build/ofd-venv (make test-tools installs it)"
    }

    /// Reads `ofd`; with `pdf`, easyofd also draws it there (every character in the test
    /// serif face, which easyofd is given as the one face it draws with).
    public static func read(_ ofd: String, drawing pdf: String? = nil) throws -> Read {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ToolFailure(message: "easyofd is not installed in .build/ofd-venv: run `make test-tools`")
        }
        let json = ofd + ".json"
        defer { try? FileManager.default.removeItem(atPath: json) }
        var arguments = [script, ofd, json]
        if let pdf { arguments += [TestPaths.fonts + "/NianbaoSerifSC-Regular.ttf", pdf] }
        let run = try Tool.run(python, arguments)
        guard run.status == 0 else { throw ToolFailure(message: "easyofd could not read \(ofd): \(run.stderr.suffix(2000))") }
        return try JSONDecoder().decode(Read.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
    }
}

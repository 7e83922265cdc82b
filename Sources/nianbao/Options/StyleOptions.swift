import ArgumentParser
import Foundation
import NianbaoRender
import NianbaoStyle

/// Style and font choices shared by the commands that print.
struct StyleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Style name (official, compact) or path to a style .yaml file.", valueName: "name|path"))
    var style: String = "official"

    @Option(help: ArgumentHelp("Another directory of fonts, searched before the system's.", valueName: "dir"))
    var fontsDir: String?

    /// A style the command line names that does not exist is a usage error (64), as an unknown
    /// option is; a style file that exists but is wrong is reported when it is loaded (2).
    func validate() throws {
        // The loader's rule (StyleLoader.load): a path when it has a `/` or ends in .yaml/.yml.
        if style.contains("/") || style.hasSuffix(".yaml") || style.hasSuffix(".yml") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: style, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw ValidationError("--style \(style): no such style file (give a style name — \(Self.styleNames.joined(separator: ", ")) — or the path of a .yaml file)")
            }
        } else if !Self.styleNames.contains(style) {
            throw ValidationError("--style \(style): no style of that name; the styles are \(Self.styleNames.joined(separator: ", ")) (or give the path of a .yaml file)")
        }
        if let fontsDir {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: fontsDir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--fonts-dir \(fontsDir): no such folder")
            }
        }
    }

    /// Where styles and fonts are looked for (`ProjectDirectories`, shared with the web page).
    static func projectDirectories(_ name: String) -> [String] { ProjectDirectories.search(name) }

    /// The style names found in the style folders and built in.
    static var styleNames: [String] { StyleLoader.available(in: projectDirectories("styles")) }

    var fontDirectories: [String] { (fontsDir.map { [$0] } ?? []) + Self.projectDirectories("fonts") }

    /// Registers fonts (once) and loads the style, or fails with the style file's error.
    func load() throws -> Style {
        FontSetup.register(directories: fontDirectories)
        do {
            return try StyleLoader.load(style, searching: Self.projectDirectories("styles"))
        } catch let error as StyleError {
            FindingPrinter.stderr("error: style \(error)")
            throw ExitStatus.failure
        }
    }
}

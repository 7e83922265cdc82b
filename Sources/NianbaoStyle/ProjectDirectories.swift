import Foundation

/// Where styles and fonts are looked for, for every front end (the CLI, the web page):
/// `$NIANBAO_STYLES` / `$NIANBAO_FONTS`, the working directory's `styles/` and `fonts/`, an
/// installation's `<prefix>/share/nianbao/…` (the binary in `<prefix>/bin`), then those of the
/// checkout the binary was built in. The official and compact styles are also built into the binary.
public enum ProjectDirectories {
    /// The folders named `name` (`styles`, `fonts`) to search, first first, without repeats.
    public static func search(_ name: String, executable: String = CommandLine.arguments[0]) -> [String] {
        let exe = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        var dirs = [FileManager.default.currentDirectoryPath + "/" + name]
        dirs.append(exe.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/nianbao/\(name)").path)
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            dirs.append(dir.appendingPathComponent(name).path)
            dir.deleteLastPathComponent()
        }
        if let env = ProcessInfo.processInfo.environment["NIANBAO_\(name.uppercased())"] { dirs.insert(env, at: 0) }
        var seen: Set<String> = []
        return dirs.filter { seen.insert($0).inserted }
    }
}

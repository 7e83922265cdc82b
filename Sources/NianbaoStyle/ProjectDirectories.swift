import Foundation

/// Where styles and fonts are looked for, for every front end (the CLI, the web page):
/// `$NIANBAO_STYLES` / `$NIANBAO_FONTS`, the working directory's `styles/` and `fonts/`, an
/// installation's `<prefix>/share/nianbao/…` (the binary in `<prefix>/bin`), then those of the
/// checkout the binary was built in. The official and compact styles are also built into the binary.
public enum ProjectDirectories {
    /// The folders named `name` (`styles`, `fonts`) to search, first first, without repeats.
    public static func search(_ name: String, executable: String = ProjectDirectories.executable) -> [String] {
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

    /// The running program's file, symlinks resolved. Not `CommandLine.arguments[0]`: run by
    /// name from the PATH that is only "nianbao", which names a file in the working directory.
    public static var executable: String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    }
}

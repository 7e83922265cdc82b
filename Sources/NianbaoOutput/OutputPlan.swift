import Foundation

/// Where a command's outputs go, checked before anything is written: no output is one of the
/// inputs (the same file, also through a symlink or a hard link), and no two outputs share a
/// path. Nothing a user gave is overwritten or lost.
public enum OutputPlan {
    /// A file's identity: device and inode, after following symlinks.
    struct FileID: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    static func identity(_ path: String) -> FileID? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// `relative` in `directory`, with one `/` between them whatever `directory` ends in:
    /// `--output-dir out/` gives `out/x.pdf`, not `out//x.pdf`, in what is printed and written.
    /// An empty `directory` gives `/relative`, as plain joining did.
    public static func join(_ directory: String, _ relative: String) -> String {
        var d = Substring(directory)
        while d.hasSuffix("/") { d = d.dropLast() }
        return d + "/" + relative
    }

    /// One output path per input in `directory`: `<stem>.<ext>`. When two inputs have the same
    /// stem (folders of 报告.txt), each keeps its path below the inputs' common folder, as
    /// `batch` mirrors its input tree: `deptA/报告.pdf`, `deptB/报告.pdf`.
    public static func paths(for inputs: [String], in directory: String, extension ext: String) -> [String] {
        let urls = inputs.map { URL(fileURLWithPath: $0).standardizedFileURL }
        let stems = urls.map { $0.deletingPathExtension().lastPathComponent }
        guard Set(stems).count < stems.count else {
            return stems.map { join(directory, $0 + "." + ext) }
        }
        let folders = urls.map { $0.deletingLastPathComponent().pathComponents }
        var common = folders[0]
        for f in folders.dropFirst() {
            common = Array(zip(common, f).prefix { $0 == $1 }.map(\.0))
        }
        return zip(urls, stems).map { url, stem in
            let relative = url.deletingLastPathComponent().pathComponents.dropFirst(common.count)
            return join(directory, (relative + [stem + "." + ext]).joined(separator: "/"))
        }
    }

    /// Whether two paths name one existing file (symlinks and hard links included).
    public static func isSameFile(_ a: String, _ b: String) -> Bool {
        guard let x = identity(a), let y = identity(b) else { return false }
        return x == y
    }

    /// Refuses a plan that would overwrite an input or write one path twice. `sources[i]` is
    /// the input `outputs[i]` is made from, so that a collision names the inputs; `elsewhere`
    /// is what the command offers instead of an output that is an input («another -o»).
    public static func check(outputs: [String], inputs: [String], sources: [String],
                             elsewhere: String = "another --output-dir or -o") throws(OutputError) {
        var first: [String: Int] = [:]
        var groups: [Int: [Int]] = [:]
        for (i, output) in outputs.enumerated() {
            let key = URL(fileURLWithPath: output).standardizedFileURL.path
            if let j = first[key] { groups[j, default: [j]].append(i) } else { first[key] = i }
        }
        if let j = groups.keys.min(), let group = groups[j] {
            let named = group.map { sources.indices.contains($0) ? sources[$0] : outputs[$0] }
            // One file given twice (x.txt ./x.txt, or a link to it) is not two inputs to rename.
            for (a, x) in named.enumerated() {
                if let y = named.dropFirst(a + 1).first(where: { $0 == x || isSameFile($0, x) }) {
                    throw .conflict("\(x) and \(y) are one file, given twice; nothing was written — give it once")
                }
            }
            throw .conflict("the outputs of \(list(named)) would be written to one path, \(outputs[j]); nothing was written — rename all but one of them, or give them one at a time")
        }
        let inputIDs = Dictionary(inputs.compactMap { p in identity(p).map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        for output in outputs {
            if let id = identity(output), let input = inputIDs[id] {
                throw .conflict("\(output) is an input (\(input)); nianbao does not overwrite its inputs — nothing was written, choose \(elsewhere)")
            }
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    private static func list(_ names: [String]) -> String {
        names.count <= 2 ? names.joined(separator: " and ") : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// Whether `path` can be written into: the folder exists (or can be made) and accepts a file.
    public static func checkWritable(directory: String) throws(OutputError) {
        if let code = AtomicFile.makeDirectories(directory) {
            throw .cannotWrite(path: directory, errno: code)
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw .cannotWrite(path: directory, errno: errno)
        }
    }
}

/// Why an archive database could not be opened, written or asked; `description` is the line
/// to show, naming the file and what to do.
public enum ArchiveError: Error, CustomStringConvertible, Equatable {
    /// The file exists but is not a nianbao archive: not SQLite at all, damaged, or another
    /// program's database. nianbao never writes over it.
    case notAnArchive(path: String, reason: String)
    /// The archive was written by a newer nianbao (migrations this one does not know).
    case newerFormat(path: String, unknown: [String])
    /// The archive lacks the current schema and was opened read-only (the server), so it
    /// cannot be brought up to date here.
    case outdated(path: String)
    /// SQLite refused an operation (disk full, permissions, a lock held too long).
    case sqlite(path: String, operation: String, message: String)
    /// A sort key that is neither a column of the archive page, a cell key nor a derived metric.
    case unknownSortKey(String)

    public var description: String {
        switch self {
        case .notAnArchive(let path, let reason):
            return "\(path) is not a nianbao archive (\(reason)); nianbao does not write over it. Give --db a new file name, or the path of an archive made by `nianbao batch --db`."
        case .newerFormat(let path, let unknown):
            return "\(path) was written by a newer nianbao (schema steps \(unknown.joined(separator: ", ")) unknown here); use that version or a new file."
        case .outdated(let path):
            return "\(path) has an older archive schema; run `nianbao batch --db \(path) --resume …` once to bring it up to date."
        case .sqlite(let path, let operation, let message):
            return "\(path): could not \(operation): \(message)"
        case .unknownSortKey(let key):
            return "cannot sort by \(key): give a column (agency, year, template, verdict, errors, warnings, path), a cell key such as requests.new.total, or a derived metric such as derived.requests.received"
        }
    }
}

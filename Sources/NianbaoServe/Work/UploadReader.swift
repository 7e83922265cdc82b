import NianbaoBatch
import NianbaoChecks
import NianbaoFiles
import NianbaoIngest
import NianbaoInput
import NianbaoModel

/// One uploaded file to its rows: a report is read as every command reads one
/// (`ReportInput.parse`: kind told by content, the input limit, typed errors); a zip of reports
/// as `batch` reads one (`ZipInputs`: its names, refusals and limits), one row per report entry.
/// The bytes are kept in the workspace under a generated id; the browser's name is only shown.
struct UploadReader: Sendable {
    let workspace: Workspace

    func read(_ bytes: [UInt8], name: String) -> [Upload] {
        let id = RandomID.make(bytes: 8)
        if InputKind.detect(bytes, name: name) == .otherZip {
            do { try workspace.write(bytes, id: id, ext: "zip") } catch {
                return [Upload(id: id, name: name, outcome: .failed("could not be kept in the workspace: \(error)"))]
            }
            var uploads: [Upload] = []
            do {
                try ZipInputs.read(zip: workspace.file(id, "zip")) { entry in
                    let entryID = RandomID.make(bytes: 8)
                    let shown = name + "/" + entry.path
                    switch entry.bytes {
                    case .success(let data): uploads.append(Self.parse(data, name: shown, entryName: entry.path, id: entryID))
                    case .failure(let error): uploads.append(Upload(id: entryID, name: shown, outcome: .failed(error.description)))
                    }
                }
            } catch {
                return [Upload(id: id, name: name, outcome: .failed("not a readable zip: \(error.description)"))]
            }
            if uploads.isEmpty {
                return [Upload(id: id, name: name, outcome: .failed("the zip holds no report files (.txt .pdf .html .docx)"))]
            }
            return uploads
        }
        do { try workspace.write(bytes, id: id, ext: "bin") } catch {
            return [Upload(id: id, name: name, outcome: .failed("could not be kept in the workspace: \(error)"))]
        }
        return [Self.parse(bytes, name: name, entryName: name, id: id)]
    }

    /// `entryName` (the file's own name) tells .doc from .wps in the library's advice.
    static func parse(_ bytes: [UInt8], name: String, entryName: String, id: String) -> Upload {
        do {
            let parsed = try ReportInput.parse(bytes, name: entryName.split(separator: "/").last.map(String.init) ?? entryName)
            return Upload(id: id, name: name, outcome: .read(parsed, findings: Checker.findings(for: parsed)))
        } catch {
            return Upload(id: id, name: name, outcome: .failed(error.description))
        }
    }
}

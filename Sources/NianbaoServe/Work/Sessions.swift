/// The browser sessions of this server run. A session is made on the first page a browser
/// opens (a cookie), and holds a token the page sends back with every POST, and the uploads
/// made from it: two tabs of one browser share them; another browser sees none of them.
actor Sessions {
    struct Session: Sendable {
        let id: String
        /// Sent with every POST (`X-Nianbao-Token`): a page of another site cannot know it.
        let token: String
        var uploads: [Upload] = []
    }

    private var sessions: [String: Session] = [:]
    let maximumFiles: Int

    init(maximumFiles: Int) { self.maximumFiles = maximumFiles }

    func session(_ id: String?) -> Session? { id.flatMap { sessions[$0] } }

    func create() -> Session {
        let session = Session(id: RandomID.make(), token: RandomID.make())
        sessions[session.id] = session
        return session
    }

    /// How many more files the session may take.
    func room(_ id: String) -> Int { max(0, maximumFiles - (sessions[id]?.uploads.count ?? 0)) }

    func add(_ uploads: [Upload], to id: String) {
        sessions[id]?.uploads.append(contentsOf: uploads)
    }

    func uploads(_ id: String) -> [Upload] { sessions[id]?.uploads ?? [] }

    func upload(_ uploadID: String, in id: String) -> Upload? {
        sessions[id]?.uploads.first { $0.id == uploadID }
    }

    /// Forgets the session's uploads (their files stay until the server stops).
    func clear(_ id: String) { sessions[id]?.uploads = [] }
}

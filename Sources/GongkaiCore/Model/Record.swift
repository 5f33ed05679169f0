import Foundation

/// The append-only publication record kept in Content/ and committed with the content: for each
/// public notice, when it was first published and the digest of each published version.
public struct PublicationRecord: Sendable, Equatable {
    public static let fileName = "publication-record.yaml"

    public struct Version: Sendable, Equatable {
        public var recorded: Day
        public var sha256: String
        /// Number of corrections recorded on the notice at that version, and whether it was withdrawn.
        public var corrections: Int
        public var withdrawn: Bool
        /// The 公示 outcome had been recorded.
        public var outcome: Bool = false
    }

    public struct Entry: Sendable, Equatable {
        public var firstPublished: Day
        public var versions: [Version]
    }

    public var entries: [String: Entry] = [:]

    public init() {}
}

import Foundation

/// A village decision made by 四议两公开: 提议 → 商议 → 审议 → 决议, then the resolution and,
/// once carried out, its result are published as notices.
public struct Decision: Sendable, Hashable {
    public enum StepKind: String, Sendable, Hashable, CaseIterable {
        case propose = "提议", discuss = "商议", review = "审议", resolve = "决议"

        /// Who takes the step.
        public var body: String {
            switch self {
            case .propose: return "村党组织提议"
            case .discuss: return "村“两委”会议商议"
            case .review: return "党员大会审议"
            case .resolve: return "村民会议或村民代表会议决议"
            }
        }
    }

    public struct Step: Sendable, Hashable {
        public var kind: StepKind
        public var date: Day
        public var bodyHTML: BodyHTML
        public var expected: Int?
        public var present: Int?
        public var votesFor: Int?
        public var against: Int?
        public var abstain: Int?
    }

    public var slug: String
    public var board: String
    public var title: String
    public var steps: [Step]
    public var introHTML: BodyHTML
    /// Content paths of the 决议公开 and 实施结果公开 notices.
    public var resolution: String?
    public var result: String?
    public var sourcePath: String
    public var contentPath: String

    public var id: String { board + "/" + slug }
    public var resolvedOn: Day? { steps.first { $0.kind == .resolve }?.date }
}

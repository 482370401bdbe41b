import Fluent
import Foundation

/// A key-value setting of the deployment, e.g. whether the database holds demo data.
public final class AppSetting: Model, @unchecked Sendable {
    public static let schema = "app_settings"

    @ID(custom: "key", generatedBy: .user) public var id: String?
    @Field(key: "value") public var value: String

    public init() {}

    public init(key: String, value: String) {
        self.id = key
        self.value = value
    }

    /// Keys in use.
    public enum Key {
        /// "true" when `almen seed` generated the register: the UI shows a demo banner.
        public static let demoData = "demo_data"
        /// What the help articles' stored HTML and search index were made with (`HelpLibrary.refresh`).
        public static let helpRender = "help_render"
        public static let demoSeed = "demo_seed"
        public static let demoHomes = "demo_homes"
        /// When the receiving system last polled NgDP successfully (seconds since 1970).
        public static let ngdpLastPoll = "ngdp_last_poll"
        /// When the receiving system was switched on: the start of the 7-day clock before any mail.
        public static let receivingSince = "ngdp_receiving_since"
    }
}

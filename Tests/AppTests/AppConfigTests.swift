import Foundation
import Testing
import Vapor

@testable import App

@Suite("Configuration")
struct AppConfigTests {
    @Test func defaultsToTheSQLiteDemoDatabaseWithDemoKeys() throws {
        let config = try AppConfig.fromEnvironment(.development, variables: [:])

        #expect(config.database == .sqlite(path: "data/almen.sqlite"))
        #expect(config.cprKeys.isDemo)
    }

    @Test func databaseURLSelectsPostgreSQL() throws {
        let config = try AppConfig.fromEnvironment(.development, variables: ["DATABASE_URL": "postgres://a@db:5432/almen"])

        #expect(config.database == .postgres(url: "postgres://a@db:5432/almen"))
    }

    @Test func productionRefusesToStartWithoutCPRKeys() {
        #expect(throws: ConfigurationError.missing(variable: "ALMEN_CPR_ENCRYPTION_KEY and ALMEN_CPR_HASH_KEY")) {
            try AppConfig.fromEnvironment(.production, variables: ["DATABASE_URL": "postgres://a@db/almen"])
        }
    }

    @Test func productionStartsWithRealKeys() throws {
        let key = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        let config = try AppConfig.fromEnvironment(.production, variables: [
            "DATABASE_URL": "postgres://a@db/almen", "ALMEN_CPR_ENCRYPTION_KEY": key, "ALMEN_CPR_HASH_KEY": key,
        ])

        #expect(!config.cprKeys.isDemo)
    }

    @Test func aBadPoolSizeNamesTheVariableNotTheValue() {
        #expect(throws: ConfigurationError.invalid(variable: "ALMEN_DB_POOL_PER_LOOP", expected: "a whole number from 1 to 64")) {
            try AppConfig.fromEnvironment(.development, variables: ["ALMEN_DB_POOL_PER_LOOP": "lots"])
        }
    }
}

import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// What each kind of job does, with the services it needs. Every job may run more than once (a
/// worker can die after the work and before recording it), so each is written to be safe to repeat.
struct JobWork: JobHandler {
    let receiving: ReceivingSystem
    let receipts: LaterReceipts
    let digitalPost: DigitalPostSender
    let bulkLetters: BulkLetters
    let terminationReminders: TerminationReminders
    let staffReminders: StaffReminders
    let caseStatistics: CaseStatistics
    let arrearsRun: ArrearsRun
    let paakrav: PaakravSending
    let municipalityNotices: MunicipalityNoticeSender
    let dataExports: DataExports
    let dependencies: AppDependencies

    func perform(_ context: JobContext) async throws -> JobOutcome {
        let sql = try context.database.sql()
        switch context.kind {
        case .purgeSessions:
            try await sql.raw(
                """
                DELETE FROM user_sessions
                WHERE last_seen_at < \(bind: context.now.addingTimeInterval(-UserSession.idleTimeout))
                   OR created_at < \(bind: context.now.addingTimeInterval(-UserSession.absoluteLifetime))
                """
            ).run()
            try await HeldUploads.purge(now: context.now, on: sql)
        case .purgeLoginAttempts:
            try await sql.raw(
                """
                DELETE FROM login_attempts WHERE created_at < \(bind: context.now.addingTimeInterval(-LoginAttempt.lifetime))
                """
            ).run()
            try await LoginFailures.purge(now: context.now, on: sql)
        case .purgeJobs:
            try await sql.raw(
                """
                DELETE FROM jobs WHERE status = \(bind: JobStatus.done.rawValue)
                  AND finished_at < \(bind: context.now.addingTimeInterval(-JobQueue.keepFinished))
                """
            ).run()
            // A pull that died is replaced by the next minute's: after a day it is only noise.
            let everyMinute = JobKind.allCases.filter { $0.schedule == .everyMinute }.map(\.rawValue)
            try await sql.raw(
                """
                DELETE FROM jobs WHERE status = \(bind: JobStatus.dead.rawValue) AND kind IN (\(binds: everyMinute))
                  AND finished_at < \(bind: context.now.addingTimeInterval(-86_400))
                """
            ).run()
        case .pullMail:
            try await receiving.pullAll()
        case .pullReceipts:
            _ = try await receipts.pullAll()
        case .sendDigitalPost:
            try await digitalPost.send(context)
        case .bulkLetters:
            let more = try await bulkLetters.step(try context.payload(as: BulkLetterJob.self).run)
            return more ? .again : .done
        case .remindTerminationSignatures:
            try await terminationReminders.run(now: context.now)
        case .caseStatistics:
            try await caseStatistics.run(now: context.now)
        case .remindStaff:
            try await staffReminders.enqueue(now: context.now, queue: JobQueue(dependencies: dependencies))
        case .remindStaffOne:
            try await staffReminders.send(try context.payload(as: StaffReminderJob.self), now: context.now)
        case .arrearsRun:
            let today = LocalDate(context.now, timeZone: danishTimeZone)
            let report = try await arrearsRun.run(on: today, dryRun: false)
            // A missing fee stops every påkrav (the rest of the run is done): the job fails, so
            // administrators see it at /admin/jobs, and /admin/restancer says it.
            if report.refused != nil {
                throw ArrearsError.missingFee(year: today.year)
            }
        case .sendPaakrav:
            try await paakrav.send(try context.payload(as: PaakravJob.self))
        case .sendMunicipalityNotice:
            try await municipalityNotices.send(context)
        case .privacyExport:
            try await dataExports.build(try context.payload(as: DataExportJob.self), now: context.now)
        case .expireExports:
            try await dataExports.expire(now: context.now)
        case .retention:
            let report = try await RetentionRun(database: context.database, dependencies: dependencies).run(
                on: LocalDate(context.now, timeZone: danishTimeZone),
                dryRun: false
            )
            // What could not be deleted makes the job fail, so administrators see it at /admin/jobs;
            // the rest is done, and the next night tries again.
            if report.failed > 0 { throw RetentionIncomplete(failed: report.failed) }
        }
        return .done
    }

    func gaveUp(_ context: JobContext, reason: String) async throws {
        switch context.kind {
        case .sendDigitalPost:
            try await digitalPost.gaveUp(context, reason: reason)
        case .bulkLetters:
            try await bulkLetters.gaveUp(try context.payload(as: BulkLetterJob.self).run)
        case .sendMunicipalityNotice:
            try await municipalityNotices.gaveUp(context)
        case .privacyExport:
            // The resident sees that it failed and may order again.
            try await dataExports.failed(try context.payload(as: DataExportJob.self))
        case .purgeSessions, .purgeLoginAttempts, .purgeJobs, .pullMail, .pullReceipts,
            .remindTerminationSignatures, .caseStatistics, .arrearsRun, .sendPaakrav, .expireExports, .retention,
            .remindStaff, .remindStaffOne:
            // Recurring, or (a påkrav) proposed again by the next day's run: the next period's job does the work.
            break
        }
    }
}

extension Application {
    /// The handlers of every kind of job, with this application's services.
    var jobWork: JobWork {
        JobWork(
            receiving: receivingSystem,
            receipts: laterReceipts,
            digitalPost: digitalPostSender,
            bulkLetters: bulkLetters(),
            terminationReminders: TerminationReminders(database: db, letters: letters()),
            staffReminders: StaffReminders(
                database: db,
                mail: almenConfig.mail,
                baseURL: almenConfig.publicBaseURL,
                uuid: dependencies.uuid
            ),
            caseStatistics: CaseStatistics(database: db, uuid: dependencies.uuid),
            arrearsRun: ArrearsRun(database: db, dependencies: dependencies, rules: arrearsRules),
            paakrav: PaakravSending(database: db, dependencies: dependencies, letters: letters(), rules: arrearsRules),
            municipalityNotices: municipalityNoticeSender,
            dataExports: dataExports,
            dependencies: dependencies
        )
    }

    /// Copies of residents' data, with this application's database, clock and keys.
    var dataExports: DataExports {
        DataExports(database: db, dependencies: dependencies, keys: almenConfig.cprKeys, pool: threadPool)
    }

    /// The arrears rules with the configured delivery time of a physical letter.
    /// The landlord's termination after breaches of the house rules, with the same carrier's time.
    var landlordTerminationRules: LandlordTerminationRules {
        LandlordTerminationRules(delivery: PhysicalDelivery(bankDays: almenConfig.physicalDeliveryBankDays))
    }

    var arrearsRules: ArrearsRules {
        ArrearsRules(
            delivery: PhysicalDelivery(bankDays: almenConfig.physicalDeliveryBankDays),
            minimum: Money(kroner: Int64(almenConfig.arrearsMinimumKroner))
        )
    }
}

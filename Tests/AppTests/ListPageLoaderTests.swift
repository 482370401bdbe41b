import AlmenDomain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// The loaders of the case inbox, the incoming mail, the meetings (staff's and a resident's), the
/// help and the resident's own data take ids and values, not a request (issue: Fast pages,
/// "testable without HTTP"): each reads what is in scope, and nothing (or nil) outside it.
@Suite("List, meeting, help and data pages' loaders")
struct ListPageLoaderTests {
    @Test func theCaseInboxReadsTheCasesOfItsScope() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, _) = try await SwapTests.tenancies(app)
            let caseID = try await app.cases.open(
                .general,
                title: "Sag",
                organisationID: mine.organisation_id,
                leaseID: mine.lease_id,
                openedBy: nil
            ).requireID()
            let load = { (scope: StaffScope, department: UUID?) in
                var filter = CaseLists.StaffFilter()
                filter.department = department
                return try await StaffCasesController.ListPage.load(
                    filter,
                    scope: scope,
                    staffID: UUID(),
                    today: LocalDate(year: 2026, month: 12, day: 3)!,
                    after: nil,
                    audit: AuditedRead(
                        action: .casesList,
                        subjectKind: .cases,
                        subjectID: nil,
                        purpose: AuditPurpose("caseList"),
                        actor: nil,
                        at: Date(),
                        requestID: "test",
                        ids: { UUID() }
                    ),
                    on: try app.db.sql()
                )
            }
            let page = try await load(.organisations([mine.organisation_id]), nil)
            #expect(page.rows.map(\.id).contains(caseID) && page.department == nil)
            #expect(try await load(.organisations([UUID()]), nil).rows.isEmpty)
            // The case's own department: named, with its case; for staff of another organisation
            // neither its name nor its cases.
            let department = try #require(try await Dwelling.find(mine.dwelling_id, on: app.db)).$department.id
            let own = try await load(.organisations([mine.organisation_id]), department)
            #expect(own.department != nil && own.rows.map(\.id).contains(caseID))
            let elsewhere = try await load(.organisations([UUID()]), department)
            #expect(elsewhere.department == nil && elsewhere.rows.isEmpty)
            // A department that is none of the staff's: no name, and none of their cases.
            let unknown = try await load(.organisations([mine.organisation_id]), UUID())
            #expect(unknown.department == nil && unknown.rows.isEmpty)
            // Staff with no organisations see no cases, and may hand them to the administrators.
            let none = try await load(.organisations([]), nil)
            #expect(none.rows.isEmpty && !none.members.isEmpty)
            // Each member of staff once, by name: the people of the rows of each organisation.
            let sql = try app.db.sql()
            for organisations in [nil, [], [mine.organisation_id], [mine.organisation_id, UUID()]] as [[UUID]?] {
                let members = try await CaseAssignment.members(of: organisations, on: sql)
                let candidates = try await CaseAssignment.candidates(of: organisations, on: sql)
                var seen: Set<UUID> = []
                let once = candidates.filter { seen.insert($0.id).inserted }
                #expect(members.map(\.id) == once.map(\.id) && members.map(\.name) == once.map(\.name))
                #expect(Set(members.map(\.id)).count == members.count)
            }
            // Every read wrote its one audit event, in its statement on PostgreSQL.
            let events = try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.casesList.rawValue)
                .all()
            #expect(events.count == 6 && events.allSatisfy { $0.dataSubjectID == nil })
        }
    }

    @Test func theIncomingMailReadsTheMailOfItsScope() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, _) = try await SwapTests.tenancies(app)
            let message = IncomingMessage(
                id: UUID(),
                messageUUID: UUID().uuidString,
                receivedAt: Date(),
                channel: "pull",
                xml: try Data(
                    contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                        .appendingPathComponent("MeMoTests/Fixtures/memo/1.2/MeMo_Full_Example.xml")
                )
            )
            message.$organisation.id = mine.organisation_id
            try await message.create(on: app.db)
            let load = { (scope: StaffScope) in
                try await ReceivingController.InboxPage.load(
                    scope,
                    IncomingLists.Filter(),
                    after: nil,
                    now: Date(),
                    on: app.db
                )
            }
            let page = try await load(.organisations([mine.organisation_id]))
            #expect(page.rows.map(\.id) == [try message.requireID()])
            #expect(page.freshness.lastReceived != nil && !page.freshness.warning)
            #expect(try await load(.organisations([UUID()])).rows.isEmpty)
        }
    }

    @Test func aMeetingReadsForStaffInScopeAndForTheResidentsItIsFor() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let meetingID = try #require(try await DemoMeetings.seed(app: app))
            let tenancy = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).first()
            )
            let sql = try app.db.sql()
            let staff = try #require(try await MeetingsController.ShowPage.load(meetingID, scope: .all, on: sql))
            #expect(staff.meeting.id == meetingID && staff.proposals.count == 1)
            #expect(
                try await MeetingsController.ShowPage.load(meetingID, scope: .organisations([UUID()]), on: sql) == nil
            )
            #expect(try await MeetingsController.ShowPage.load(UUID(), scope: .all, on: sql) == nil)

            let today = LocalDate(app.dependencies.now(), timeZone: danishTimeZone)
            let resident = try #require(
                try await MyMeetingsController.Page.load(
                    meetingID,
                    person: tenancy.$person.id,
                    today: today,
                    on: app.db
                )
            )
            #expect(resident.meeting.id == meetingID && resident.proposals.count == 1)
            #expect(
                try await MyMeetingsController.Page.load(meetingID, person: UUID(), today: today, on: app.db) == nil
            )

            // Past the requests' last page, the first page is read.
            let list = try await MeetingsController.ListPage.load(
                scope: .all,
                organisation: nil,
                period: ListPeriod(),
                search: nil,
                after: nil,
                requestsPage: 7,
                on: sql
            )
            #expect(list.rows.map(\.id).contains(meetingID) && list.requestsPage == 1)
        }
    }

    @Test func theHelpReadsTheReadersArticles() async throws {
        try await withTestApp(seedHomes: 20) { app in
            try await HelpLibrary(database: app.db, dependencies: app.dependencies).installStartingSet()
            let tenancy = try #require(
                try await LeaseTenant.query(on: app.db).filter(\.$role == .tenant).sort(\.$id).first()
            )
            let summary = app.registerSummary
            let index = try await HelpController.IndexPage.load(
                ReaderContext.Asked(),
                query: "",
                language: .da,
                summary: summary,
                on: app.db
            )
            #expect(!index.articles.isEmpty && index.hits == nil && index.reader.scope == .builtIn)
            let search = try await HelpController.IndexPage.load(
                ReaderContext.Asked(),
                query: "opsige",
                language: .da,
                summary: summary,
                on: app.db
            )
            #expect(search.hits?.isEmpty == false && search.articles.isEmpty)

            let article = { (slug: String, asked: ReaderContext.Asked) in
                try await HelpController.ArticlePage.load(slug, asked, language: .da, summary: summary, on: app.db)
            }
            let own = try #require(try await article("opsigelse", ReaderContext.Asked(residentID: tenancy.$person.id)))
            #expect(own.reader.ownHome && own.article.slug == "opsigelse" && !own.visible.isEmpty)
            #expect(own.records == nil && own.schedule == nil)
            #expect(try await article("findes-ikke", ReaderContext.Asked()) == nil)
        }
    }

    @Test func myDataReadsTheResidentsOwn() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, _) = try await SwapTests.tenancies(app)
            let page = try await MyDataController.Page.load(
                mine.person_id,
                consents: app.consents,
                exports: app.dataExports,
                on: app.db
            )
            #expect(page.homes.map(\.lease_id) == [mine.lease_id] && page.latest == nil)
            #expect(!page.facts.kinds.isEmpty)
            let nobody = try await MyDataController.Page.load(
                UUID(),
                consents: app.consents,
                exports: app.dataExports,
                on: app.db
            )
            #expect(nobody.homes.isEmpty && nobody.facts.events.isEmpty)
        }
    }

    @Test func theBoardsReadTheChosenOrganisationOfTheScope() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let (mine, _) = try await SwapTests.tenancies(app)
            let today = LocalDate(year: 2026, month: 12, day: 3)!
            let load = { (scope: StaffScope, chosen: UUID?) in
                try await BoardsController.Page.load(scope: scope, chosen: chosen, today: today, on: app.db)
            }
            let page = try await load(.organisations([mine.organisation_id]), mine.organisation_id)
            #expect(page.organisations.compactMap(\.id) == [mine.organisation_id])
            #expect(page.seats?.departments.isEmpty == false)
            #expect(try await load(.organisations([mine.organisation_id]), nil).seats == nil)
            #expect(try await load(.organisations([UUID()]), mine.organisation_id).seats == nil)
        }
    }

    @Test func aSwapReadsForStaffInScope() async throws {
        try await withTestApp(seedHomes: 40) { app in
            let (mine, _) = try await SwapTests.tenancies(app)
            let token = try await PageSessions.signIn(person: mine.person_id, on: app)
            let (caseID, _) = try await SwapTests.apply(app, lease: mine.lease_id, other: "Ole Udefra", as: token)
            let load = { (caseID: UUID, scope: StaffScope) in
                try await SwapCard.StaffSwap.load(caseID, scope: scope, on: app.db)
            }
            let swap = try #require(try await load(caseID, .organisations([mine.organisation_id])))
            #expect(swap.caseFile.id == caseID && swap.row.lease_id == mine.lease_id)
            #expect(try await load(caseID, .organisations([UUID()])) == nil)
            let general = try await app.cases.open(
                .general,
                title: "Sag",
                organisationID: mine.organisation_id,
                leaseID: mine.lease_id,
                openedBy: nil
            ).requireID()
            #expect(try await load(general, .all) == nil)
        }
    }
}

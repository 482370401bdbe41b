import Fluent

/// Every migration, in order. Never edit one that has landed; add a new one.
enum AlmenMigrations {
    static let all: [any Migration] = [
        CreateAdministrationCompany(),
        CreateHousingOrganisation(),
        CreateDepartment(),
        CreateDwelling(),
        CreatePerson(),
        CreateLease(),
        CreateLeaseTenant(),
        CreateHouseholdMember(),
        CreateStaffUser(),
        CreateBoardMembership(),
        CreateSandboxCitizen(),
        CreateAppSetting(),
        CreateLoginAttempt(),
        CreateUserSession(),
        CreateAuditEvent(),
        AddStaffUserLocalCredentials(),
        CreateDigitalPostLetter(),
        CreateIncomingMessage(),
        AddAdministrationCompanyContact(),
        CreateLetterTemplate(),
        CreatePrintBatch(),
        CreateLetter(),
        CreateBulkRun(),
        CreateDigitalPostConnection(),
        AddLoginAttemptFresh(),
        CreateOrganisationLogo(),
        CreateStaffAssignment(),
        CreateCase(),
        AddCaseLinks(),
        CreateActivation(),
        TuneIncomingMessageStorage(),
        AddEarlyReceipt(),
    ]
}

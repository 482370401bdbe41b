/// The words of the morning's e-mail to staff (`StaffReminders`), Danish and English: kept with
/// the feature and merged into `Strings`. Each member of staff chooses the e-mail's language on
/// "Mine indstillinger". `{n}`, `{number}`, `{what}`, `{date}`, `{state}`, `{link}`, `{name}` are
/// filled in by `StaffReminders`.
enum StaffReminderWords {
    static let danish: [String: String] = [
        "reminderSubject": "Påmindelse: {what}",
        "reminderAnd": " og ",
        "reminderOneCase": "1 sag",
        "reminderCases": "{n} sager",
        "reminderDueToday": "{cases} med frist i dag",
        "reminderLate": "{cases} med overskredet frist",
        "reminderUnassignedOnly": "{cases} uden sagsbehandler med frist i dag eller overskredet frist",
        "reminderGreeting": "Hej {name}",
        "reminderOwn": "Du har {cases} med frist i dag eller overskredet frist:",
        "reminderItem": "{number}: {what}, frist {date} ({state})",
        "reminderStateLate": "overskredet",
        "reminderStateToday": "i dag",
        "reminderMore": "Og {cases} mere.",
        "reminderInbox": "Se dem under Sager:",
        "reminderInboxToday": "Frist i dag: {link}",
        "reminderInboxLate": "Overskredet frist: {link}",
        "reminderUnassigned": "Sager uden sagsbehandler i de boligorganisationer, du arbejder for:",
        "reminderUnassignedToday": "Med frist i dag: {n}. {link}",
        "reminderUnassignedLate": "Med overskredet frist: {n}. {link}",
        "reminderNoNames": "Mailen nævner ingen beboere og ingen adresser. Dem ser du i Almen.",
        "reminderWhen":
            "Du får en påmindelse om morgenen på bankdage, når du har sager med frist i dag eller overskredet frist.",
        "reminderTurnOff": "Du kan slå påmindelserne fra under Mine indstillinger: {link}",
    ]

    static let english: [String: String] = [
        "reminderSubject": "Reminder: {what}",
        "reminderAnd": " and ",
        "reminderOneCase": "1 case",
        "reminderCases": "{n} cases",
        "reminderDueToday": "{cases} due today",
        "reminderLate": "{cases} overdue",
        "reminderUnassignedOnly": "{cases} nobody handles, due today or overdue",
        "reminderGreeting": "Dear {name}",
        "reminderOwn": "You have {cases} due today or overdue:",
        "reminderItem": "{number}: {what}, due {date} ({state})",
        "reminderStateLate": "overdue",
        "reminderStateToday": "today",
        "reminderMore": "And {cases} more.",
        "reminderInbox": "See them under Cases:",
        "reminderInboxToday": "Due today: {link}",
        "reminderInboxLate": "Overdue: {link}",
        "reminderUnassigned": "Cases nobody handles in the housing organisations you work for:",
        "reminderUnassignedToday": "Due today: {n}. {link}",
        "reminderUnassignedLate": "Overdue: {n}. {link}",
        "reminderNoNames": "The e-mail names no residents and no addresses. You see them in Almen.",
        "reminderWhen": "You get a reminder in the morning on bank days when you have cases due today or overdue.",
        "reminderTurnOff": "You can turn the reminders off under My settings: {link}",
    ]
}

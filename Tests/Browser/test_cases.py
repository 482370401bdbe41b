"""Cases, CPR activation and staff assignments in a real browser, each page checked by axe-core
for WCAG 2.1 AA."""
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

# A page that is being replaced by the next one while a wait looks at it: while a form's POST
# and its redirect load, the old page's elements go stale or vanish, and Chromium may answer
# "no such execution context" for a moment. All mean "not there yet".
NAVIGATING = (StaleElementReferenceException, NoSuchElementException, WebDriverException)

from test_letters import log_in_staff
from test_login import choose_people, log_in
from test_pages import assert_accessible


def log_in_resident(browser, url, role):
    people = choose_people(browser, url, "Log ind med MitID")
    index = next(i for i, p in enumerate(people) if role in p)
    log_in(browser, url, "Log ind med MitID", index)


def test_the_other_party_follows_their_one_case(browser, url):
    log_in_resident(browser, url, "Anden part")
    browser.find_element(By.LINK_TEXT, "Mine sager").click()
    assert_accessible(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert len(rows) == 1 and "Fremleje" in rows[0].text
    rows[0].find_element(By.TAG_NAME, "a").click()
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "anden part" in main and "Ansøgning om fremleje" in main
    assert_accessible(browser)


def test_a_caseworker_writes_a_letter_in_a_case(browser, url):
    log_in_staff(browser, url, "Administrator")
    browser.get(url("/admin/sager"))
    assert_accessible(browser)
    browser.find_element(By.CSS_SELECTOR, "table.data tbody tr a").click()
    assert "Parter" in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)
    # Nothing filled in: every problem is listed and said at its field.
    preview = "//section[@id='brev']//button[normalize-space()='Se brevet, før det sendes']"
    browser.find_element(By.XPATH, preview).click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
    assert browser.find_element(By.ID, "subject").get_attribute("aria-invalid") == "true"
    assert browser.find_element(By.ID, "subject-error").text == "Skriv et emne."
    assert "Emne: Skriv et emne" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert_accessible(browser)
    options = browser.find_elements(By.CSS_SELECTOR, "#recipient option")
    options[1].click()
    browser.find_element(By.ID, "subject").send_keys("Besigtigelse")
    text = browser.find_element(By.ID, "text")
    text.send_keys("Vi kommer og ser boligen torsdag kl. 10.")
    text.send_keys(Keys.ENTER, Keys.ENTER, "Ring, hvis tidspunktet ikke passer.")
    browser.find_element(By.XPATH, preview).click()
    # The letter as it will read, with its paragraphs, before anything is sent.
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(
        lambda d: "Det er ikke sendt endnu" in d.find_element(By.TAG_NAME, "main").text)
    paragraphs = [p.text for p in browser.find_elements(By.CSS_SELECTOR, ".letter-preview p")]
    assert "Vi kommer og ser boligen torsdag kl. 10." in paragraphs, paragraphs
    assert "Ring, hvis tidspunktet ikke passer." in paragraphs, paragraphs
    assert_accessible(browser)
    browser.find_element(By.XPATH, "//button[normalize-space()='Send brevet']").click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(
        lambda d: "Brevet er sendt" in d.find_element(By.TAG_NAME, "main").text)
    assert "Besigtigelse" in browser.find_element(By.TAG_NAME, "main").text
    assert not browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert_accessible(browser)


def test_a_tenant_without_cpr_is_asked_for_the_activation_code(browser, url):
    log_in_resident(browser, url, "uden CPR-nummer")
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: "/log-ind/aktivering" in d.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Aktivér din adgang"
    assert_accessible(browser)
    browser.find_element(By.ID, "code").send_keys("ABCD-EFGH")
    browser.find_element(By.XPATH, "//button[normalize-space()='Aktivér']").click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
    assert "Sæt kryds ved samtykket" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert_accessible(browser)


def test_an_administrator_assigns_a_caseworker(browser, url):
    log_in_staff(browser, url, "Administrator")
    browser.get(url("/admin/medarbejdere"))
    assert_accessible(browser)
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr") if "Sagsbehandler" in r.text)
    row.find_element(By.TAG_NAME, "a").click()
    boxes = browser.find_elements(By.CSS_SELECTOR, "input[type=checkbox]")
    before = sum(1 for b in boxes if b.is_selected())
    target = next(b for b in boxes if not b.is_selected())
    browser.find_element(By.CSS_SELECTOR, "label[for='%s']" % target.get_attribute("id")).click()
    browser.find_element(By.XPATH, "//button[normalize-space()='Gem tildelinger']").click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".notice"))
    after = sum(1 for b in browser.find_elements(By.CSS_SELECTOR, "input[type=checkbox]") if b.is_selected())
    assert after == before + 1
    assert_accessible(browser)
    browser.get(url("/admin/aktivering"))
    assert_accessible(browser)


def test_staff_search_and_filter_the_lists_and_every_list_page_passes_axe(browser, url, phone):
    log_in_staff(browser, url, "Administrator")
    browser.get(url("/admin/sager"))
    case_number = browser.find_element(By.CSS_SELECTOR, "table.data tbody tr a").text
    # Search by case number with the form, without JavaScript's help: a GET form.
    field = browser.find_element(By.ID, "q")
    field.send_keys(case_number)
    field.submit()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: "q=" in d.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert len(rows) == 1 and case_number in rows[0].text
    assert_accessible(browser)
    browser.get(url("/admin/breve?status=failed"))
    assert "Intet passer til det, du har søgt på eller valgt." in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)
    for path in ["/admin", "/admin/breve", "/admin/post", "/admin/revision", "/admin/aktivering", "/organisationer"]:
        if path == "/organisationer":
            browser.get(url("/"))
            browser.find_element(By.CSS_SELECTOR, ".org a.org-name").click()
        else:
            browser.get(url(path))
        assert browser.find_element(By.TAG_NAME, "h1").text
        assert_accessible(browser)
    # A message from a resident opens from the inbox, with its files listed.
    browser.get(url("/admin/post"))
    browser.find_element(By.LINK_TEXT, "Svar: Ansøgning om fremleje").click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(
        lambda d: d.find_element(By.TAG_NAME, "h1").text == "Svar: Ansøgning om fremleje")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "besked.txt" in main
    assert "fremlejekontrakt.txt" in main
    assert_accessible(browser)
    # On a phone-sized screen the filters wrap and the list scrolls in its own region.
    log_in_staff(phone, url, "Administrator")
    phone.get(url("/admin/breve"))
    assert_accessible(phone)


def test_staff_narrow_the_lists_by_organisation_kind_state_and_days(browser, url, phone):
    log_in_staff(browser, url, "Administrator")
    # A day that is not a date: the problem at its field, named above the form, and no list.
    browser.get(url("/admin/sager?fra=i+g%C3%A5r"))
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert "Oprettet fra: Skriv en dato, fx 3.12.2026." in summary
    assert browser.find_element(By.ID, "fra").get_attribute("aria-invalid") == "true"
    assert not browser.find_elements(By.CSS_SELECTOR, "table.data")
    assert_accessible(browser)
    # The administrator chooses one of the organisations; every case shown is of it.
    browser.get(url("/admin/sager?fra=2020-01-01"))
    select = Select(browser.find_element(By.ID, "organisation"))
    chosen = select.options[1].text
    select.select_by_index(1)
    browser.find_element(By.CSS_SELECTOR, "form.list-filter button[type=submit]").click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: "organisation=" in d.current_url)
    assert "fra=2020-01-01" in browser.current_url
    assert browser.find_element(By.ID, "fra").get_attribute("value") == "2020-01-01"
    rows = browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert rows and all(chosen in r.text for r in rows)
    assert_accessible(browser)
    # Letters by kind, mail by whether it is in a case.
    browser.get(url("/admin/breve"))
    Select(browser.find_element(By.ID, "art")).select_by_visible_text("Almindeligt brev")
    browser.find_element(By.CSS_SELECTOR, "form.list-filter button[type=submit]").click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: "art=general" in d.current_url)
    kinds = [c.text for c in browser.find_elements(By.CSS_SELECTOR, "table.data tbody td[data-label='Brevtype']")]
    assert kinds and set(kinds) == {"Almindeligt brev"}
    assert_accessible(browser)
    browser.get(url("/admin/post"))
    Select(browser.find_element(By.ID, "status")).select_by_visible_text("Lagt på en sag")
    browser.find_element(By.CSS_SELECTOR, "form.list-filter button[type=submit]").click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: "status=paa-sag" in d.current_url)
    cases = [c.text for c in browser.find_elements(By.CSS_SELECTOR, "table.data tbody td[data-label='Sag']")]
    assert cases and all(c and c != "—" for c in cases)
    assert_accessible(browser)
    # On a phone the filters, dates included, wrap.
    log_in_staff(phone, url, "Administrator")
    phone.get(url("/admin/post?status=uden-sag&fra=2020-01-01"))
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(phone)


def test_a_caseworker_sees_deadlines_and_hands_ticked_cases_on_without_javascript(browser_without_js, url):
    # axe needs JavaScript: these pages are checked by the list test above, with it.
    browser = browser_without_js
    log_in_staff(browser, url, "Administrator")
    browser.get(url("/admin/sager"))
    # The deadline column (the demo's case may have had its letter already: then it shows "—").
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "table.data thead th")]
    assert "Frist" in headers and "Sagsbehandler" in headers
    # Nothing ticked: told so in Danish, nothing changes.
    browser.find_element(By.XPATH, "//button[normalize-space()='Tildel']").click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
    assert "Vælg mindst én sag i listen." in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    # The first case ticked (its box belongs to the form below the table) goes to a colleague.
    first = browser.find_element(By.CSS_SELECTOR, "table.data tbody tr")
    number = first.find_element(By.TAG_NAME, "a").text
    first.find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
    choice = browser.find_elements(By.CSS_SELECTOR, "#assignee-many option")[1]
    name = choice.text
    choice.click()
    browser.find_element(By.XPATH, "//button[normalize-space()='Tildel']").click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".notice"))
    assert "1 sag er givet til %s." % name in browser.find_element(By.CSS_SELECTOR, ".notice").text
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr") if number in r.text)
    assert name in row.text
    # The filters: only unassigned cases, then only late ones (a GET form and links).
    browser.find_element(By.CSS_SELECTOR, "#tildelt option[value='ingen']").click()
    browser.find_element(By.ID, "q").submit()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: "tildelt=ingen" in d.current_url)
    assert number not in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.LINK_TEXT, "Overskredne frister").click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: "frist=overskredet" in d.current_url)
    assert "tildelt=ingen" in browser.current_url
    # The case shows who has it and its deadlines.
    browser.get(url("/admin/sager"))
    browser.find_element(By.LINK_TEXT, number).click()
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Sagsbehandler" in main and name in main and "Frister" in main


def test_an_administrator_sets_response_times_with_errors_at_the_field(browser, url, phone):
    log_in_staff(browser, url, "Administrator")
    browser.get(url("/admin"))
    browser.find_element(By.LINK_TEXT, "Svarfrister").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Svarfrister"
    assert_accessible(browser)
    field = browser.find_element(By.ID, "answer_general")
    field.clear()
    field.send_keys("0")
    browser.find_element(By.XPATH, "//button[normalize-space()='Gem svarfrister']").click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
    assert "Henvendelse, Svar inden for (bankdage): Skriv et helt antal bankdage fra 1 til 120." in browser.find_element(
        By.CSS_SELECTOR, ".error-summary").text
    assert browser.find_element(By.ID, "answer_general").get_attribute("aria-invalid") == "true"
    assert_accessible(browser)
    # Emptied, the field is the standard again: saved, and said so.
    browser.find_element(By.ID, "answer_general").clear()
    browser.find_element(By.XPATH, "//button[normalize-space()='Gem svarfrister']").click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".notice"))
    assert "Svarfristerne er gemt." in browser.find_element(By.CSS_SELECTOR, ".notice").text
    log_in_staff(phone, url, "Administrator")
    phone.get(url("/admin/svarfrister"))
    assert_accessible(phone)


def test_a_caseworker_turns_email_reminders_off_from_the_header(browser, url, phone):
    log_in_staff(browser, url, "Sagsbehandler")
    browser.find_element(By.LINK_TEXT, "Mine indstillinger").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Mine indstillinger"
    assert browser.find_element(By.ID, "reminders-ja").is_selected()
    assert_accessible(browser)
    browser.find_element(By.CSS_SELECTOR, "label[for='reminders-nej']").click()
    browser.find_element(By.XPATH, "//button[normalize-space()='Gem']").click()
    WebDriverWait(browser, 10, ignored_exceptions=NAVIGATING).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".notice"))
    assert "Dine indstillinger er gemt." in browser.find_element(By.CSS_SELECTOR, ".notice").text
    assert browser.find_element(By.ID, "reminders-nej").is_selected()
    assert_accessible(browser)
    log_in_staff(phone, url, "Sagsbehandler")
    phone.find_element(By.LINK_TEXT, "Mine indstillinger").click()
    assert phone.find_element(By.ID, "reminders-nej").is_selected()
    assert_accessible(phone)


def test_a_caseworker_puts_mail_that_answers_nothing_on_a_case_that_exists(phone, url):
    # On a phone: the message's page offers the sender's open cases, refuses a number at its
    # field, and puts the message on the case chosen.
    log_in_staff(phone, url, "Administrator")
    phone.get(url("/admin/post"))
    phone.find_element(By.LINK_TEXT, "Spørgsmål om vaskeriet").click()
    WebDriverWait(phone, 10, ignored_exceptions=NAVIGATING).until(
        lambda d: d.find_element(By.TAG_NAME, "h1").text == "Spørgsmål om vaskeriet")
    section = phone.find_element(By.ID, "paa-sag")
    offered = [b.text for b in section.find_elements(By.CSS_SELECTOR, ".choices button")]
    assert offered and all(b.startswith("Læg på sag 20") for b in offered)
    field = phone.find_element(By.ID, "sag")
    field.send_keys("2026-12")
    section.find_element(By.XPATH, ".//button[normalize-space()='Læg på sagen']").click()
    WebDriverWait(phone, 10, ignored_exceptions=NAVIGATING).until(lambda d: d.find_elements(By.ID, "sag-error"))
    assert "seks cifre" in phone.find_element(By.ID, "sag-error").text
    assert phone.find_element(By.ID, "sag").get_attribute("aria-invalid") == "true"
    assert phone.find_element(By.ID, "sag").get_attribute("value") == "2026-12"
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(phone)
    chosen = offered[0].removeprefix("Læg på sag ")
    phone.find_element(By.XPATH, "//button[normalize-space()='%s']" % offered[0]).click()
    WebDriverWait(phone, 10, ignored_exceptions=NAVIGATING).until(lambda d: "besked=post-lagt-paa" in d.current_url)
    main = phone.find_element(By.TAG_NAME, "main").text
    assert chosen in phone.find_element(By.TAG_NAME, "h1").text
    assert "Beskeden er lagt på sagen og står i sagens forløb." in main
    assert "Spørgsmål om vaskeriet" in main
    # Closing asks first: the button that closes is behind "Luk sagen" (nothing is closed here).
    close = phone.find_element(By.XPATH, "//button[normalize-space()='Ja, luk sagen']")
    assert not close.is_displayed()
    phone.find_element(By.XPATH, "//summary[normalize-space()='Luk sagen']").click()
    assert close.is_displayed()
    assert_accessible(phone)

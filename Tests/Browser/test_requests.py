"""Resident requests in a real browser on a phone, each page checked by axe-core for WCAG 2.1 AA."""
import datetime
import os
import re
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from test_help import click_button, wait_for_text
from test_letters import log_in_staff
from test_login import log_in
from test_pages import assert_accessible


def test_a_tenant_lets_a_room_on_a_phone_with_the_rules_at_the_fields(any_phone, url):
    phone = any_phone
    # A tenant of a home with rooms to let (a one-room home has none: no link); not the first
    # resident, whose lease the notice test below ends.
    # The form says how many live there now: letting a room adds at least one, within one per room.
    for index in range(1, 12):
        log_in(phone, url, "Log ind med MitID", index)
        phone.get(url("/mit-hjem"))
        leases = phone.find_elements(By.CSS_SELECTOR, "a[href^='/mit-hjem/lejemaal/']")
        if not leases:
            continue
        leases[0].click()
        links = phone.find_elements(By.LINK_TEXT, "Fremlej en del af boligen")
        if not links:
            continue
        links[0].click()
        wait_for_text(phone, "Du kan højst fremleje")
        text = phone.find_element(By.TAG_NAME, "main").text
        rooms = int(re.search(r"Din bolig har (\d+) værelser", text).group(1))
        household = int(re.search(r"Nu bor der (\d+) person", text).group(1))
        if household + 1 <= rooms:
            break
    else:
        raise AssertionError("no tenant of the demo has a room to let")
    assert_accessible(phone)
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    # Too many rooms, no agreement, no tick: each at its field, in Danish.
    phone.find_element(By.ID, "letRooms").send_keys("9")
    phone.find_element(By.ID, "occupants").send_keys(str(household + 1))
    phone.execute_script("arguments[0].value = '2027-02-01'", phone.find_element(By.ID, "startDate"))
    phone.find_element(By.ID, "subtenants").send_keys("Ole Olsen")
    click_button(phone, "Gå videre til gennemsyn")
    wait_for_text(phone, "Vedhæft den underskrevne fremlejeaftale.")
    assert phone.find_element(By.ID, "letRooms").get_attribute("aria-invalid") == "true"
    assert phone.find_element(By.ID, "confirm").get_attribute("aria-invalid") == "true"
    assert_accessible(phone)
    # Right this time, with the signed agreement as a PDF.
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as agreement:
        agreement.write(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    try:
        rooms = phone.find_element(By.ID, "letRooms")
        rooms.clear()
        rooms.send_keys("1")
        phone.find_element(By.ID, "agreement").send_keys(agreement.name)
        phone.find_element(By.ID, "confirm").click()
        click_button(phone, "Gå videre til gennemsyn")
        wait_for_text(phone, "Se din anmeldelse igennem")
    finally:
        os.unlink(agreement.name)
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Ole Olsen" in main and "PDF" in main and "svarer dig senest" in main
    assert_accessible(phone)
    click_button(phone, "Send anmeldelsen")
    wait_for_text(phone, "Din anmeldelse af fremleje er sendt")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Delvis fremleje af" in main and "Senest" in main
    assert_accessible(phone)


# A JPEG as a phone makes it, with an EXIF segment that says where it was taken.
PHOTO = (bytes([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]) + b"JFIF" + bytes([0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
         + bytes([0xFF, 0xE1, 0x00, 27]) + b"Exif" + bytes([0, 0]) + b"GPS 56.1572 10.2107"
         + bytes([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x12, 0x34, 0xFF, 0xD9]))


def test_a_resident_reports_a_fault_with_a_photo_on_a_phone(any_phone, url):
    phone = any_phone
    log_in(phone, url, "Log ind med MitID", 2)
    phone.get(url("/mit-hjem"))
    phone.find_element(By.CSS_SELECTOR, "a[href^='/mit-hjem/lejemaal/']").click()
    phone.find_element(By.LINK_TEXT, "Meld en fejl i boligen eller i afdelingen").click()
    wait_for_text(phone, "Hvor er fejlen?")
    assert_accessible(phone)
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    # Only a photo chosen: every problem at its field, in Danish, and the photo is kept with the
    # form (a tick), not chosen again.
    with tempfile.NamedTemporaryFile(suffix=".jpg", delete=False) as photo:
        photo.write(PHOTO)
    try:
        phone.find_element(By.ID, "photos").send_keys(photo.name)
        click_button(phone, "Gå videre til gennemsyn")
        wait_for_text(phone, "Vælg, hvor fejlen er.")
    finally:
        os.unlink(photo.name)
    assert phone.find_element(By.ID, "description").get_attribute("aria-invalid") == "true"
    assert "Billeder, du allerede har valgt" in phone.find_element(By.TAG_NAME, "main").text
    assert phone.find_element(By.ID, "photos-held-1").is_selected()
    assert os.path.basename(photo.name) in phone.find_element(By.CSS_SELECTOR, "label[for='photos-held-1']").text
    # The problems are on the first screen, with or without JavaScript: the form comes back at
    # the page's content, and the summary is right under its heading.
    assert phone.execute_script(
        "var r = document.querySelector('.error-summary').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight / 2")
    assert_accessible(phone)
    phone.find_element(By.CSS_SELECTOR, "#location option[value='bathroom']").click()
    phone.find_element(By.ID, "description").send_keys("Håndvasken er utæt.")
    phone.find_element(By.ID, "description").send_keys(Keys.ENTER, "Det drypper.")
    phone.find_element(By.CSS_SELECTOR, "label[for='masterKey-nej']").click()
    # The preview: the report as it will be sent, the photo with it; correcting it brings the
    # form back as it was.
    click_button(phone, "Gå videre til gennemsyn")
    wait_for_text(phone, "Se din fejlmelding igennem")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Bad og toilet" in main and "Nej, aftal et tidspunkt med mig" in main
    assert os.path.basename(photo.name) in main and "vender tilbage senest" in main
    assert_accessible(phone)
    click_button(phone, "Ret fejlmeldingen")
    wait_for_text(phone, "Hvor er fejlen?")
    assert phone.find_element(By.ID, "description").get_attribute("value") == "Håndvasken er utæt.\nDet drypper."
    assert phone.find_element(By.ID, "photos-held-1").is_selected()
    click_button(phone, "Gå videre til gennemsyn")
    wait_for_text(phone, "Se din fejlmelding igennem")
    click_button(phone, "Send fejlmeldingen")
    wait_for_text(phone, "Din fejlmelding er sendt")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Fejlmelding: Bad og toilet" in main and "Billede 1" in main
    assert "Din fejlmelding" in main and "Håndvasken er utæt." in main
    # On a phone the history is a card per entry, each cell with its column's name: nothing
    # hides to the right.
    assert phone.execute_script("return getComputedStyle(document.querySelector('table.stack tr')).display") == "block"
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(phone)


def test_a_tenant_gives_notice_on_a_phone_with_errors_at_the_fields_and_a_preview(phone, url):
    log_in(phone, url, "Log ind med MitID", 0)
    phone.get(url("/mit-hjem"))
    phone.find_element(By.LINK_TEXT, "Opsig lejemålet").click()
    wait_for_text(phone, "Sender du opsigelsen i dag, slutter lejemålet")
    assert_accessible(phone)
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    # Nothing filled in: every problem in the summary and at its field, in Danish.
    click_button(phone, "Se opsigelsen, før du sender")
    wait_for_text(phone, "Skriv din nye adresse.")
    # The problems take the focus, and a problem's link puts it in its field.
    assert phone.execute_script("return document.activeElement.classList.contains('error-summary')")
    phone.find_element(By.CSS_SELECTOR, ".error-summary a[href='#forwardingAddress']").click()
    assert phone.execute_script("return document.activeElement.id") == "forwardingAddress"
    assert phone.find_element(By.ID, "forwardingAddress").get_attribute("aria-invalid") == "true"
    assert phone.find_element(By.ID, "confirm").get_attribute("aria-invalid") == "true"
    assert_accessible(phone)
    phone.find_element(By.ID, "forwardingAddress").send_keys("Nygade 4, 2. th\n8000 Aarhus C")
    phone.find_element(By.ID, "viewing").send_keys("Hverdage efter kl. 16")
    phone.find_element(By.ID, "confirm").click()
    click_button(phone, "Se opsigelsen, før du sender")
    wait_for_text(phone, "Se din opsigelse igennem")
    assert "Nygade 4, 2. th" in phone.find_element(By.TAG_NAME, "main").text
    assert_accessible(phone)
    # "Ret opsigelsen" goes back to the form with what was written.
    click_button(phone, "Ret opsigelsen")
    wait_for_text(phone, "Se opsigelsen, før du sender")
    assert phone.find_element(By.ID, "viewing").get_attribute("value") == "Hverdage efter kl. 16"
    click_button(phone, "Se opsigelsen, før du sender")
    wait_for_text(phone, "Se din opsigelse igennem")
    click_button(phone, "Send opsigelsen")
    wait_for_text(phone, "Din opsigelse er")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Opsigelse af" in main
    assert_accessible(phone)


def choose_neighbour(phone, address=None):
    """Chooses the home a complaint is about: from the list of a small department, or in a large
    one (more than 30 other homes) by searching for its address, as without JavaScript: the
    search sends the form and the page comes back with what matched. Returns the address."""
    if phone.find_elements(By.ID, "find"):
        box = phone.find_element(By.ID, "find")
        box.clear()
        box.send_keys(address or "1")
        click_button(phone, "Find boligen")
        wait_for_text(phone, "passer")
        assert_accessible(phone)
    if address:
        option = phone.find_element(By.XPATH, f"//select[@id='about']/option[normalize-space()='{address}']")
    else:
        option = phone.find_elements(By.CSS_SELECTOR, "#about option")[1]
    text = option.text
    option.click()
    return text


def test_a_tenant_complains_about_a_neighbour_and_a_caseworker_sends_a_henstilling(phone, browser, url):
    from test_letters import log_in_staff

    log_in(phone, url, "Log ind med MitID", 2)
    phone.get(url("/mit-hjem"))
    phone.find_element(By.CSS_SELECTOR, "a[href^='/mit-hjem/lejemaal/']").click()
    phone.find_element(By.LINK_TEXT, "Klag over en nabo, der ikke overholder husordenen").click()
    wait_for_text(phone, "Hvilken bolig drejer det sig om?")
    assert "Tal gerne med naboen" in phone.find_element(By.TAG_NAME, "main").text
    assert_accessible(phone)
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    # Nothing filled in: every problem at its field, in Danish.
    click_button(phone, "Send klagen")
    wait_for_text(phone, "Beskriv, hvad der skete")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Vælg den bolig, klagen handler om." in main or "Søg efter den bolig, klagen handler om" in main
    assert phone.find_element(By.ID, "episodeDescription").get_attribute("aria-invalid") == "true"
    assert_accessible(phone)
    # What is typed before the home is searched for comes back with what was found.
    phone.execute_script("document.getElementById('episodeDate').value = '2026-11-21'")
    phone.find_element(By.ID, "episodeTime").send_keys("ca. 23.30")
    phone.find_element(By.ID, "episodeDescription").send_keys("Høj musik til efter midnat.")
    address = choose_neighbour(phone)
    assert phone.find_element(By.ID, "episodeDescription").get_attribute("value") == "Høj musik til efter midnat."
    assert phone.find_element(By.ID, "episodeTime").get_attribute("value") == "ca. 23.30"
    click_button(phone, "Send klagen")
    wait_for_text(phone, "Din klage er sendt")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Naboklage om " + address in main and "Klagen vurderes" in main
    # A demand not ticked comes back at its own form, whose problem has the focus there.
    click_button(phone, "Kræv handling")
    wait_for_text(phone, "Sæt kryds, hvis du vil kræve handling.")
    assert phone.current_url.endswith("#krav")
    WebDriverWait(phone, 10).until(
        lambda d: d.execute_script("return document.activeElement.classList.contains('error-summary')"))
    assert phone.execute_script(
        "return document.activeElement.previousElementSibling.previousElementSibling.id") == "krav"
    assert_accessible(phone)
    # It happens again: into the diary.
    phone.execute_script("document.getElementById('episodeDate').value = '2026-11-22'")
    phone.find_element(By.ID, "episodeDescription").send_keys("Musik igen.")
    click_button(phone, "Tilføj episoden")
    wait_for_text(phone, "Episoden er tilføjet din klage")
    assert "Musik igen." in phone.find_element(By.TAG_NAME, "main").text
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(phone)

    log_in_staff(browser, url, "Administrator")
    browser.get(url("/admin/sager?type=neighbour_complaint"))
    browser.find_element(By.XPATH, f"//tr[contains(., 'Naboklage om {address}')]//a").click()
    wait_for_text(browser, "Høj musik til efter midnat.")
    assert "En påmindelse kræver først en henstilling" in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)
    click_button(browser, "Se brevet, før det sendes")
    wait_for_text(browser, "Vælg, hvad vi gør nu.")
    assert browser.find_element(By.ID, "complaintText").get_attribute("aria-invalid") == "true"
    assert_accessible(browser)
    browser.find_element(By.CSS_SELECTOR, "label[for='complaintAction-henstilling']").click()
    browser.find_element(By.ID, "complaintText").send_keys("Høj musik efter kl. 22 den 21. og 22. november 2026.")
    click_button(browser, "Se brevet, før det sendes")
    wait_for_text(browser, "Henstilling om at overholde husordenen")
    assert_accessible(browser)
    click_button(browser, "Send brevet, og gå videre")
    wait_for_text(browser, "Klagen er gået videre")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Henstilling sendt" in main and "Der er sendt en henstilling" in main
    assert_accessible(browser)
    browser.find_element(By.LINK_TEXT, "Naboklager").click()
    wait_for_text(browser, "De åbne naboklager i hver afdeling")
    assert_accessible(browser)


def test_a_tenant_applies_to_let_the_whole_home_and_the_subtenant_signs_with_mitid(phone, url):
    # The sub-tenant is the demo's neighbour, whom the register knows.
    let_the_whole_home(phone, url, "Nabo i samme afdeling")


def test_a_tenant_lets_the_whole_home_and_the_subtenant_signs_without_javascript(phone_without_js, url):
    # The sub-tenant is the demo's tenant of another organisation: anyone with MitID may sign.
    let_the_whole_home(phone_without_js, url, "Lejer i en anden boligorganisation")


def let_the_whole_home(phone, url, subtenant_role):
    """Whole sub-letting from the form to the decision the tenant reads: the sub-tenant is the
    first demo person with `subtenant_role`; the tenant is the first other tenant whose home has
    no open sub-letting case (another test may have opened one)."""
    from datetime import date, timedelta
    from test_login import choose_people, log_out
    people = choose_people(phone, url, "Log ind med MitID")
    neighbour = next(i for i, text in enumerate(people) if subtenant_role in text)
    subtenant = phone.find_elements(By.CSS_SELECTOR, "li.card")[neighbour].find_element(
        By.TAG_NAME, "button").text.removeprefix("Log ind som ")
    index = open_form_of_first_tenant(phone, url, people, neighbour, "Fremlej hele boligen, mens du er væk", "subtenant")
    wait_for_text(phone, "Fremlej hele din bolig")
    assert_accessible(phone)
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    # A start too soon, a rent too high, no files and no tick: each at its field, in Danish.
    soon = (date.today() + timedelta(days=3)).isoformat()
    phone.find_element(By.ID, "reason-study").click()
    phone.find_element(By.ID, "reasonText").send_keys("Et semester i Lund.")
    phone.execute_script("arguments[0].value = arguments[1]", phone.find_element(By.ID, "startDate"), soon)
    phone.execute_script("arguments[0].value = arguments[1]", phone.find_element(By.ID, "endDate"),
                         (date.today() + timedelta(days=200)).isoformat())
    phone.find_element(By.ID, "subtenant").send_keys(subtenant)
    phone.find_element(By.ID, "persons").send_keys("1")
    phone.find_element(By.ID, "rent").send_keys("99.999")
    click_button(phone, "Gå videre til gennemsyn")
    wait_for_text(phone, "Vedhæft dokumentation for fraværet.")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "så fremlejen kan tidligst begynde" in main and "Huslejen må ikke være højere end din egen" in main
    assert phone.find_element(By.ID, "startDate").get_attribute("aria-invalid") == "true"
    assert_accessible(phone)
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as pdf:
        pdf.write(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    try:
        start = (date.today() + timedelta(days=30)).isoformat()
        phone.execute_script("arguments[0].value = arguments[1]", phone.find_element(By.ID, "startDate"), start)
        rent = phone.find_element(By.ID, "rent")
        rent.clear()
        rent.send_keys("1.000")
        phone.find_element(By.ID, "documentation").send_keys(pdf.name)
        phone.find_element(By.ID, "agreement").send_keys(pdf.name)
        phone.find_element(By.ID, "confirm").click()
        click_button(phone, "Gå videre til gennemsyn")
        wait_for_text(phone, "Se din ansøgning igennem")
    finally:
        os.unlink(pdf.name)
    main = phone.find_element(By.TAG_NAME, "main").text
    assert subtenant in main and "1.000,00 kr." in main and "Studier" in main
    assert_accessible(phone)
    click_button(phone, "Send ansøgningen")
    wait_for_text(phone, "Ansøgningen er sendt")
    code = phone.find_element(By.CSS_SELECTOR, "p.code").text
    assert_accessible(phone)
    phone.find_element(By.LINK_TEXT, "Gå til sagen").click()
    wait_for_text(phone, "Ikke skrevet under endnu")
    case_path = phone.current_url.split("/mit-hjem/sager/")[1].split("?")[0]
    assert_accessible(phone)
    log_out(phone)

    # The sub-tenant signs with their own MitID, from "Mit hjem".
    log_in(phone, url, "Log ind med MitID", neighbour)
    phone.get(url("/mit-hjem"))
    phone.find_element(By.LINK_TEXT, "Skriv under med en kode").click()
    wait_for_text(phone, "Har en lejer givet dig en kode")
    assert_accessible(phone)
    phone.find_element(By.ID, "code").send_keys(code)
    click_button(phone, "Fortsæt")
    wait_for_text(phone, "Skriv under på ansøgningen om fremleje")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "1.000,00 kr." in main and "Lund" not in main
    assert_accessible(phone)
    click_button(phone, "Skriv under")
    wait_for_text(phone, "Sæt kryds for at skrive under.")
    phone.find_element(By.ID, "confirm").click()
    click_button(phone, "Skriv under")
    wait_for_text(phone, "Du har skrevet under på ansøgningen")
    assert "Fremlejetageren skrev under med MitID" in phone.find_element(By.TAG_NAME, "main").text
    assert_accessible(phone)
    log_out(phone)

    # A caseworker finds the case in the inbox by the sub-tenant's name and approves it.
    from test_letters import log_in_staff
    log_in_staff(phone, url, "Administrator")
    phone.get(url("/admin/sager?q=" + subtenant.replace(" ", "+")))
    phone.find_element(By.CSS_SELECTOR, f"a[href='/admin/sager/{case_path}']").click()
    wait_for_text(phone, "Ansøgning om fremleje af hele boligen")
    assert "Skrevet under med MitID" in phone.find_element(By.TAG_NAME, "main").text
    assert_accessible(phone)
    phone.find_element(By.ID, "outcome-approved").click()
    click_button(phone, "Se brevet, før det sendes")
    wait_for_text(phone, "Sådan lyder brevet til ")
    assert "Du må fremleje boligen til" in phone.find_element(By.TAG_NAME, "main").text
    click_button(phone, "Send afgørelsen")
    wait_for_text(phone, "Godkendt")
    log_out(phone)

    # The tenant sees the decision on their case.
    log_in(phone, url, "Log ind med MitID", index)
    phone.get(url(f"/mit-hjem/sager/{case_path}"))
    wait_for_text(phone, "Fremlejen er godkendt, og sagen er afsluttet")
    assert_accessible(phone)


def test_a_tenant_applies_to_swap_homes_and_the_other_tenant_signs_with_mitid(browser, url):
    # The other tenant is the demo's neighbour (a tenant of the same department).
    swap_homes(browser, url, "Nabo i samme afdeling", landlord_says_yes=True)


def test_a_swap_across_organisations_the_other_landlord_refuses_with_a_reason_without_javascript(
        phone_without_js, url):
    # The other tenant's home is another organisation's in Almen: it answers in its own case. It
    # says no, with its reason, and the refusal reaches the tenant.
    swap_homes(phone_without_js, url, "Lejer i en anden boligorganisation", landlord_says_yes=False)


def test_a_swap_with_a_landlord_outside_almen_is_written_to_and_answered_on_a_phone(phone, url):
    # The other tenant has no home in Almen (the demo's sub-tenant): the caseworker writes to its
    # landlord from the case, sees the letter first, and records the answer when it comes.
    swap_homes(phone, url, "Anden part i en sag (fremlejetager)", landlord_says_yes=True)


def swap_homes(browser, url, partner_role, landlord_says_yes):
    """A swap from the form to the decision the tenant reads: the partner is the first demo
    person with `partner_role`; the tenant is the first other tenant whose home has no open swap
    case."""
    import re as regex
    from datetime import date, timedelta
    from test_login import choose_people, log_out
    people = choose_people(browser, url, "Log ind med MitID")
    neighbour = next(i for i, text in enumerate(people) if partner_role in text)
    # Across organisations, the tenant must live in another organisation than the partner's
    # (its name is in the chooser's label).
    across = partner_role == "Lejer i en anden boligorganisation"
    avoid = regex.search(r"\((.+?)\)", people[neighbour]).group(1) if across else None
    other = browser.find_elements(By.CSS_SELECTOR, "li.card")[neighbour].find_element(
        By.TAG_NAME, "button").text.removeprefix("Log ind som ")
    index = open_form_of_first_tenant(browser, url, people, neighbour, "Byt bolig med en anden lejer", "otherTenant",
                                      avoid=avoid)
    assert_accessible(browser)
    # Too early for the notice, and no landlord: each at its field.
    earliest = regex.search(r"I kan tidligst bytte (?:\w+ den )?(\d+)\. (\w+) (\d{4})", browser.find_element(By.TAG_NAME, "main").text)
    assert earliest, "the form says when the swap can be at the earliest"
    browser.find_element(By.ID, "otherTenant").send_keys(other)
    browser.find_element(By.ID, "otherAddress").send_keys("Engvej 12, 2. th., 5000 Odense C")
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
              "november", "december"]
    first = date(int(earliest.group(3)), months.index(earliest.group(2)) + 1, int(earliest.group(1)))
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, "swapDate"),
                           (first - timedelta(days=1)).isoformat())
    browser.find_element(By.ID, "incomingPersons").send_keys("1")
    browser.find_element(By.ID, "outgoingPersons").send_keys("1")
    browser.find_element(By.ID, "confirm").click()
    click_button(browser, "Gå videre til gennemsyn")
    wait_for_text(browser, "Skriv, hvem der udlejer den anden bolig")
    assert "Byttet kan tidligst ske" in browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_element(By.ID, "swapDate").get_attribute("aria-invalid") == "true"
    assert_accessible(browser)
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, "swapDate"),
                           first.isoformat())
    browser.find_element(By.ID, "otherLandlord").send_keys("Boligselskabet Fyn")
    if not browser.find_element(By.ID, "confirm").is_selected():
        browser.find_element(By.ID, "confirm").click()
    click_button(browser, "Gå videre til gennemsyn")
    wait_for_text(browser, "Se din ansøgning igennem")
    assert other in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)
    click_button(browser, "Send ansøgningen")
    wait_for_text(browser, "Ansøgningen er sendt")
    code = browser.find_element(By.CSS_SELECTOR, "p.code").text
    browser.find_element(By.LINK_TEXT, "Gå til sagen").click()
    wait_for_text(browser, "Din ansøgning om boligbytte")
    case_path = browser.current_url.split("/mit-hjem/sager/")[1].split("?")[0]
    assert_accessible(browser)
    log_out(browser)

    # The other tenant types the code, names their home and signs.
    log_in(browser, url, "Log ind med MitID", neighbour)
    browser.get(url("/mit-hjem/underskriv"))
    browser.find_element(By.ID, "code").send_keys(code)
    click_button(browser, "Fortsæt")
    wait_for_text(browser, "Skriv under på ansøgningen om boligbytte")
    assert_accessible(browser)
    browser.find_element(By.ID, "confirm").click()
    click_button(browser, "Skriv under")
    wait_for_text(browser, "Du har skrevet under på ansøgningen om boligbytte")
    assert "Den anden lejer skrev under med MitID" in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)
    log_out(browser)

    # The caseworker sees the rules for each home, the other landlord's answer, and approves.
    from test_letters import log_in_staff
    log_in_staff(browser, url, "Administrator")
    browser.get(url(f"/admin/sager/{case_path}"))
    wait_for_text(browser, "Ansøgning om boligbytte")
    main = browser.find_element(By.TAG_NAME, "main").text
    # The rules for the other home too when Almen lets it.
    outside = partner_role.startswith("Anden part")
    assert "Denne bolig:" in main and ("Den anden bolig:" in main) != outside, main
    assert_accessible(browser)
    waiting = re.search(r"i deres sag (\d{4}-\d{6})", main)
    if across:
        assert waiting, main
    if waiting and not landlord_says_yes:
        # The other organisation says no: first without a reason (the error at the field), then
        # with one; the applicant's caseworker finds the refusal ready with it.
        number = waiting.group(1)
        browser.get(url("/admin/sager?q=" + number))
        browser.find_element(By.LINK_TEXT, number).click()
        wait_for_text(browser, "vil bytte bolig med jeres lejer")
        browser.find_element(By.ID, "landlordAnswer-nej").click()
        click_button(browser, "Send jeres svar")
        wait_for_text(browser, "Skriv, hvorfor I siger nej til byttet.")
        assert browser.find_element(By.ID, "landlordAnswer-nej").is_selected()
        assert browser.find_element(By.ID, "landlordReason").get_attribute("aria-invalid") == "true"
        assert_accessible(browser)
        browser.find_element(By.ID, "landlordReason").send_keys("Vi har en venteliste til boligen.")
        click_button(browser, "Send jeres svar")
        wait_for_text(browser, "I har sagt nej til byttet.")
        assert "Vi har en venteliste til boligen." in browser.find_element(By.TAG_NAME, "main").text
        assert_accessible(browser)
        browser.get(url(f"/admin/sager/{case_path}"))
        wait_for_text(browser, "Den anden udlejer har sagt nej til byttet")
        assert browser.find_element(By.ID, "outcome-refused").is_selected()
        assert "Den anden udlejers begrundelse: Vi har en venteliste" in browser.find_element(By.ID, "reason").get_attribute("value")
        click_button(browser, "Se brevet, før det sendes")
        wait_for_text(browser, "Vi kan ikke godkende byttet.")
        assert "Den anden udlejers begrundelse: Vi har en venteliste til boligen." in browser.find_element(By.TAG_NAME, "main").text
        assert_accessible(browser)
        click_button(browser, "Send afgørelsen")
        wait_for_text(browser, "Afslået")
        log_out(browser)
        log_in(browser, url, "Log ind med MitID", index)
        browser.get(url(f"/mit-hjem/sager/{case_path}"))
        wait_for_text(browser, "Byttet er afslået, og sagen er afsluttet")
        return
    if waiting:
        # Another organisation in Almen lets the other home: it answers in its own case, found in
        # the inbox by its number, with the error at the field first.
        number = waiting.group(1)
        browser.get(url("/admin/sager?q=" + number))
        browser.find_element(By.LINK_TEXT, number).click()
        wait_for_text(browser, "vil bytte bolig med jeres lejer")
        assert_accessible(browser)
        click_button(browser, "Send jeres svar")
        wait_for_text(browser, "Vælg ja eller nej.")
        assert_accessible(browser)
        browser.find_element(By.ID, "landlordAnswer-ja").click()
        click_button(browser, "Send jeres svar")
        wait_for_text(browser, "I har sagt ja til byttet.")
        browser.get(url(f"/admin/sager/{case_path}"))
        wait_for_text(browser, "Den anden udlejer har sagt ja til byttet")
    elif "Vi udlejer også den anden bolig" not in main:
        # Another landlord outside Almen: the caseworker writes to it, errors at the fields first,
        # then the letter as it will go; once sent, the case follows it.
        browser.find_element(By.LINK_TEXT, "Skriv til udlejeren").click()
        wait_for_text(browser, "Skriv til den anden udlejer")
        assert browser.find_element(By.ID, "name").get_attribute("value") == "Boligselskabet Fyn"
        assert_accessible(browser)
        browser.find_element(By.ID, "cvr").send_keys("1234")
        click_button(browser, "Se brevet")
        wait_for_text(browser, "CVR-nummeret skal være 8 cifre")
        assert browser.find_element(By.ID, "street").get_attribute("aria-invalid") == "true"
        assert_accessible(browser)
        cvr = browser.find_element(By.ID, "cvr")
        cvr.clear()
        cvr.send_keys("29189420")
        browser.find_element(By.ID, "street").send_keys("Havnegade 1")
        browser.find_element(By.ID, "postalCode").send_keys("5000")
        browser.find_element(By.ID, "city").send_keys("Odense C")
        click_button(browser, "Se brevet")
        wait_for_text(browser, "Se brevet igennem, før det bliver sendt")
        preview = browser.find_element(By.TAG_NAME, "main").text
        assert "Med Digital Post til CVR-nr. 29189420" in preview and "Vil I svare os senest" in preview, preview
        assert_accessible(browser)
        click_button(browser, "Send brevet")
        wait_for_text(browser, "Brevet til den anden udlejer er på vej.")
        assert "Brev til den anden udlejer – Boligselskabet Fyn" in browser.find_element(By.TAG_NAME, "main").text
        assert not browser.find_elements(By.LINK_TEXT, "Skriv til udlejeren")
        assert_accessible(browser)
        # Its answer is recorded when it comes, errors at the fields.
        click_button(browser, "Gem svaret")
        wait_for_text(browser, "Vælg, hvad udlejeren har svaret.")
        assert_accessible(browser)
        browser.find_element(By.ID, "landlordAnswer-ja").click()
        browser.execute_script("arguments[0].value = arguments[1]",
                               browser.find_element(By.ID, "landlordAnsweredOn"), date.today().isoformat())
        click_button(browser, "Gem svaret")
        wait_for_text(browser, "Den anden udlejer har sagt ja til byttet")
    # A home we let that is youth, elderly or care housing: the caseworker records that the
    # newcomer meets its conditions (one form per such home).
    for _ in range(2):
        forms = browser.find_elements(By.XPATH, "//form[.//input[@name='side']]")
        if not forms:
            break
        side = forms[0].find_element(By.NAME, "side").get_attribute("value")
        browser.find_element(By.ID, f"consent-eligible-{side}").click()
        forms[0].find_element(By.TAG_NAME, "button").click()
        wait_for_text(browser, "Kommunens samtykke er gemt.")
        assert_accessible(browser)
    browser.find_element(By.ID, "outcome-approved").click()
    click_button(browser, "Se brevet, før det sendes")
    wait_for_text(browser, "I må bytte bolig fra")
    click_button(browser, "Send afgørelsen")
    wait_for_text(browser, "Godkendt")
    assert_accessible(browser)
    log_out(browser)

    # The tenant sees the decision, and their home ends the day before the swap.
    log_in(browser, url, "Log ind med MitID", index)
    browser.get(url(f"/mit-hjem/sager/{case_path}"))
    wait_for_text(browser, "Byttet er godkendt, og sagen er afsluttet")


def open_form_of_first_tenant(driver, url, people, skip, link_text, field_id, avoid=None):
    """Signs in the demo residents in turn (not `skip`, not one without a CPR number) until one's
    lease, held by them alone (a co-tenant would have to sign too) and not of the organisation
    named `avoid`, offers `link_text` and the form it opens has `field_id`; that resident's index."""
    for index in range(len(people)):
        if index == skip or "uden CPR-nummer" in people[index]:
            continue
        log_in(driver, url, "Log ind med MitID", index)
        driver.get(url("/mit-hjem"))
        leases = driver.find_elements(By.CSS_SELECTOR, "a[href^='/mit-hjem/lejemaal/']")
        if not leases:
            continue
        leases[0].click()
        tenants = driver.find_elements(By.XPATH, "//dt[normalize-space()='Lejere']/following-sibling::dd[1]")
        if tenants and "," in tenants[0].text:
            continue
        if avoid and avoid in driver.find_element(By.CSS_SELECTOR, "p.lead").text:
            continue
        links = driver.find_elements(By.LINK_TEXT, link_text)
        if not links:
            continue
        links[0].click()
        if driver.find_elements(By.ID, field_id):
            return index
    raise AssertionError(f"no resident of the demo has a lease offering {link_text!r}")


def move_clock(url, days):
    """The sandbox clock (ALMEN_SANDBOX_CLOCK): the server's today after moving it `days` on."""
    import json
    import urllib.request

    request = urllib.request.Request(url("/sandbox/ur"), data=f"days={days}".encode(), method="POST",
                                     headers={"X-Almen-Sandbox-Clock": "ja"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)["today"]


def switch_to(driver, url, index):
    """Signs in as the sandbox MitID's `index`th person, after whoever was signed in."""
    driver.delete_all_cookies()
    return log_in(driver, url, "Log ind med MitID", index)


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def test_a_complaint_with_a_cosigner_goes_through_henstilling_and_paamindelse_to_the_naevn(phone, browser, url):
    """The whole neighbour complaint, each party on their own page at each step: the complainant
    files, a neighbour co-signs, the home complained about gets a henstilling and answers, a new
    episode two days later leads to a påmindelse, the case goes to the nævn, and the caseworker
    downloads the case summary and its originals. axe on every page."""
    from test_letters import log_in_staff
    from test_login import choose_people

    people = choose_people(phone, url, "Log ind med MitID")
    neighbours = [i for i, p in enumerate(people) if "Nabo i samme afdeling" in p]
    about_index, cosigner_index = neighbours[0], neighbours[1]
    address = people[about_index].split("Nabo i samme afdeling, ")[1].splitlines()[0].strip()
    today = move_clock(url, 0)
    moved = 0
    try:
        # The complainant files, about the neighbour's address.
        complainant = switch_to(phone, url, 0)
        phone.get(url("/mit-hjem"))
        phone.find_element(By.CSS_SELECTOR, "a[href^='/mit-hjem/lejemaal/']").click()
        phone.find_element(By.LINK_TEXT, "Klag over en nabo, der ikke overholder husordenen").click()
        wait_for_text(phone, "Hvilken bolig drejer det sig om?")
        choose_neighbour(phone, address)
        filed_on = phone.execute_script(
            "const d = new Date(arguments[0]); d.setDate(d.getDate() - 3); return d.toISOString().slice(0, 10)", today)
        phone.execute_script(f"document.getElementById('episodeDate').value = '{filed_on}'")
        phone.find_element(By.ID, "episodeDescription").send_keys("Høj musik og råb til kl. 2 om natten.")
        click_button(phone, "Send klagen")
        wait_for_text(phone, "Din klage er sendt")
        case_id = re.search(r"/mit-hjem/sager/([0-9a-f-]+)", phone.current_url).group(1)
        assert "Klagen vurderes" in main_text(phone)
        link = phone.find_element(By.ID, "cosign-link").get_attribute("value")
        # With JavaScript, a button beside the link copies it.
        assert phone.find_element(By.CSS_SELECTOR, "#cosign-link + .copy-button").text == "Kopiér linket"
        assert_accessible(phone)

        # A neighbour co-signs from the link, with what they saw themselves.
        switch_to(phone, url, cosigner_index)
        phone.get(link)
        wait_for_text(phone, "Skriv under på en naboklage")
        assert "Høj musik og råb" in main_text(phone)
        assert_accessible(phone)
        phone.find_element(By.ID, "statement").send_keys("Jeg hørte også musikken gennem væggen.")
        phone.find_element(By.CSS_SELECTOR, "label[for='confirm-ja']").click()
        click_button(phone, "Skriv under")
        wait_for_text(phone, "Du har skrevet under på klagen")
        phone.get(url(f"/mit-hjem/sager/{case_id}"))
        wait_for_text(phone, "Klagen, du har skrevet under på")
        assert "Jeg hørte også musikken" in main_text(phone)
        assert_accessible(phone)

        # The caseworker sees both, and sends a henstilling after reading it as it will go.
        log_in_staff(browser, url, "Administrator")
        browser.get(url(f"/admin/sager/{case_id}"))
        wait_for_text(browser, "Høj musik og råb")
        card = main_text(browser)
        assert complainant in card and "Jeg hørte også musikken" in card
        assert_accessible(browser)
        browser.find_element(By.CSS_SELECTOR, "label[for='complaintAction-henstilling']").click()
        browser.find_element(By.ID, "complaintText").send_keys(f"Høj musik og råb om natten den {filed_on}.")
        click_button(browser, "Se brevet, før det sendes")
        wait_for_text(browser, "Henstilling om at overholde husordenen")
        assert "Kære" in main_text(browser)
        assert_accessible(browser)
        click_button(browser, "Send brevet, og gå videre")
        wait_for_text(browser, "Klagen er gået videre")

        # The home complained about: the letter and the step, never who complained; it answers.
        switch_to(phone, url, about_index)
        phone.get(url(f"/mit-hjem/sager/{case_id}"))
        wait_for_text(phone, "En klage over forholdene i din bolig")
        theirs = main_text(phone)
        assert "Henstilling om at overholde husordenen" in theirs and "Der er sendt en henstilling" in theirs
        assert complainant not in theirs and "Høj musik og råb" not in theirs and "Jeg hørte også" not in theirs
        click_button(phone, "Send svaret")
        wait_for_text(phone, "Skriv dit svar.")
        assert phone.find_element(By.ID, "replyText").get_attribute("aria-invalid") == "true"
        assert_accessible(phone)
        phone.find_element(By.ID, "replyText").send_keys("Vi havde fest og beklager. Det sker ikke igen.")
        click_button(phone, "Send svaret")
        wait_for_text(phone, "Dit svar er sendt til os")
        assert "Vi havde fest og beklager" in main_text(phone)
        assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        assert_accessible(phone)

        # Two days on, it happens again: the complainant writes it in the diary, and sees the
        # step but not the answer.
        today = move_clock(url, 2)
        moved = 2
        switch_to(phone, url, 0)
        phone.get(url(f"/mit-hjem/sager/{case_id}"))
        wait_for_text(phone, "Der er sendt en henstilling")
        assert "Vi havde fest" not in main_text(phone)
        again_on = phone.execute_script(
            "const d = new Date(arguments[0]); d.setDate(d.getDate() - 1); return d.toISOString().slice(0, 10)", today)
        phone.execute_script(f"document.getElementById('episodeDate').value = '{again_on}'")
        phone.find_element(By.ID, "episodeDescription").send_keys("Musik igen hele natten.")
        click_button(phone, "Tilføj episoden")
        wait_for_text(phone, "Episoden er tilføjet din klage")

        # The caseworker reads the answer and the new episode, sends the påmindelse, and brings
        # the case before the nævn: no letter to the home from here, the nævn's deadlines shown.
        log_in_staff(browser, url, "Administrator")
        browser.get(url(f"/admin/sager/{case_id}"))
        wait_for_text(browser, "Svar fra beboerne i boligen")
        assert "Vi havde fest og beklager" in main_text(browser) and "Musik igen hele natten." in main_text(browser)
        browser.find_element(By.CSS_SELECTOR, "label[for='complaintAction-paamindelse']").click()
        browser.find_element(By.ID, "complaintText").send_keys(f"Musik igen natten til {again_on}.")
        click_button(browser, "Se brevet, før det sendes")
        wait_for_text(browser, "Påmindelse med advarsel")
        click_button(browser, "Send brevet, og gå videre")
        wait_for_text(browser, "Klagen er gået videre")
        browser.find_element(By.CSS_SELECTOR, "label[for='complaintAction-naevn']").click()
        click_button(browser, "Se brevet, før det sendes")
        wait_for_text(browser, "nævnet skriver til dem")
        assert_accessible(browser)
        click_button(browser, "Registrér skridtet")
        wait_for_text(browser, "skal nævnet give beboerne besked senest")
        assert_accessible(browser)
        for link_text in ("Hent sagsfremstillingen til beboerklagenævnet (PDF)",
                          "Hent det hele som ZIP med breve, billeder og lydoptagelser"):
            href = browser.find_element(By.LINK_TEXT, link_text).get_attribute("href")
            status, kind, size = browser.execute_async_script(
                "const done = arguments[1]; fetch(arguments[0]).then(r => r.arrayBuffer().then("
                "b => done([r.status, r.headers.get('content-type'), b.byteLength])))", href)
            assert status == 200 and size > 1000, (link_text, status, kind, size)
            assert kind in ("application/pdf", "application/zip"), kind

        # Each party at the nævn: the complainant and the co-signer see the step; the home sees
        # its påmindelse and the step, still without the complainant's name.
        for index, must in ((0, "Sagen er indbragt for beboerklagenævnet"),
                            (cosigner_index, "Indbragt for beboerklagenævnet"),
                            (about_index, "Påmindelse med advarsel om husorden")):
            switch_to(phone, url, index)
            phone.get(url(f"/mit-hjem/sager/{case_id}"))
            wait_for_text(phone, must)
            if index == about_index:
                assert complainant not in main_text(phone)
            assert_accessible(phone)
    finally:
        move_clock(url, -moved)


def test_a_caseworker_registers_an_estates_notice_and_then_the_move_out_settlement_on_a_phone(any_phone, url):
    phone = any_phone
    log_in_staff(phone, url, "Sagsbehandler")
    phone.get(url("/admin/sager"))
    phone.find_element(By.LINK_TEXT, "Registrér en opsigelse ved dødsfald").click()
    wait_for_text(phone, "Adresse eller lejerens navn")
    assert_accessible(phone)
    phone.find_element(By.ID, "q").send_keys("e")
    phone.find_element(By.ID, "q").submit()
    wait_for_text(phone, "Lejer:")
    assert_accessible(phone)
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    # A lease with one tenant and no notice, begun over a year ago, from the end of the list
    # (other tests use the first homes).
    today = datetime.date.today()
    links = [card.find_element(By.TAG_NAME, "a").get_attribute("href")
             for card in reversed(phone.find_elements(By.CSS_SELECTOR, "ul.cards li.card"))
             if "," not in card.find_elements(By.TAG_NAME, "p")[1].text and "opsagt" not in card.text]
    for link in links:
        phone.get(link)
        wait_for_text(phone, "Lejemålet begyndte")
        began = datetime.date.fromisoformat(phone.find_element(By.ID, "lease-start").get_attribute("data-iso"))
        if began < today - datetime.timedelta(days=400):
            break
    assert began < today - datetime.timedelta(days=400)
    assert_accessible(phone)
    # Nothing filled in: every problem at its field, in Danish.
    click_button(phone, "Se slutdato og brev")
    wait_for_text(phone, "Skriv datoen for dødsfaldet.")
    if phone.execute_script("return document.querySelector('.error-summary').hasAttribute('tabindex')"):
        # With JavaScript the problems took the focus; a group's problem leads to its first choice.
        assert phone.execute_script("return document.activeElement.classList.contains('error-summary')")
        phone.find_element(By.CSS_SELECTOR, ".error-summary a[href='#filer']").click()
        assert phone.execute_script("return [document.activeElement.type, document.activeElement.name]") == [
            "radio", "filer"]
    assert phone.find_element(By.ID, "diedOn").get_attribute("aria-invalid") == "true"
    assert phone.find_element(By.ID, "confirm").get_attribute("aria-invalid") == "true"
    assert_accessible(phone)
    # The tenant died 300 days ago and the estate's notice came soon after, so the lease has
    # ended by now. The browser's date field takes month, day and year as typed.
    phone.find_element(By.ID, "diedOn").send_keys((today - datetime.timedelta(days=300)).strftime("%m%d%Y"))
    phone.find_element(By.ID, "receivedOn").send_keys((today - datetime.timedelta(days=290)).strftime("%m%d%Y"))
    phone.find_element(By.ID, "filer-estate").click()
    phone.find_element(By.ID, "representativeName").send_keys("Anne Nielsen")
    phone.find_element(By.ID, "representativeAddress").send_keys("Skovvej 3\n8200 Aarhus N")
    phone.find_element(By.ID, "confirm").click()
    click_button(phone, "Se slutdato og brev")
    wait_for_text(phone, "Kontrollér opsigelsen, før du sender bekræftelsen")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Dødsboet efter" in main and "v/ Anne Nielsen" in main and "Skovvej 3" in main
    assert_accessible(phone)
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    click_button(phone, "Registrér opsigelsen og send bekræftelsen")
    wait_for_text(phone, "Opsigelsen er registreret")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Opsagt af\nDødsboet" in main and "Anne Nielsen" in main
    assert "Vi har modtaget opsigelsen" in main
    assert_accessible(phone)
    # The lease has ended: the settlement, with errors at the fields, the lines and the letter.
    phone.find_element(By.LINK_TEXT, "Lav flytteopgørelse").click()
    wait_for_text(phone, "Normalistandsættelse i alt (kr.)")
    assert_accessible(phone)
    repairs = phone.find_element(By.ID, "repairs")
    repairs.send_keys("mange penge")
    click_button(phone, "Se opgørelsen og brevet")
    wait_for_text(phone, "Skriv et beløb i kroner, fx 4.210,00.")
    assert phone.find_element(By.ID, "repairs").get_attribute("aria-invalid") == "true"
    assert_accessible(phone)
    phone.find_element(By.ID, "repairs").clear()
    phone.find_element(By.ID, "repairs").send_keys("4.210,00")
    click_button(phone, "Se opgørelsen og brevet")
    wait_for_text(phone, "Kontrollér opgørelsen, før du sender den")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Afdelingens andel" in main and "Indskud" in main and "Dødsboet efter" in main
    assert_accessible(phone)
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    click_button(phone, "Send flytteopgørelsen")
    wait_for_text(phone, "Flytteopgørelsen er sendt.")
    assert "Flytteopgørelse for" in phone.find_element(By.TAG_NAME, "main").text
    assert_accessible(phone)


def test_a_caseworker_registers_a_co_tenants_death_and_the_survivor_goes_on_on_a_phone(any_phone, url):
    from test_login import choose_people
    phone = any_phone
    # The demo logins' homes are left alone: other tests sign in as their people.
    demo = " ".join(choose_people(phone, url, "Log ind med MitID"))
    log_in_staff(phone, url, "Sagsbehandler")
    phone.get(url("/admin/doedsfald?q=e"))
    wait_for_text(phone, "Lejere:")
    # A lease with two tenants, no notice, and not a demo login's home (from the end of the list).
    cards = [card for card in reversed(phone.find_elements(By.CSS_SELECTOR, "ul.cards li.card"))
             if "Lejere:" in card.text and "opsagt" not in card.text]
    card = next(c for c in cards if c.find_element(By.TAG_NAME, "strong").text.split(",")[0] + "," not in demo)
    tenants = card.find_elements(By.TAG_NAME, "p")[1].text.removeprefix("Lejere: ").split(", ")
    card.find_element(By.TAG_NAME, "a").click()
    wait_for_text(phone, "Lejemålet har mere end én lejer")
    assert_accessible(phone)
    phone.find_element(By.LINK_TEXT, "Registrér, at en af lejerne er død").click()
    wait_for_text(phone, "Hvem er død?")
    assert_accessible(phone)
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    # Nothing filled in: every problem at its field, in Danish.
    click_button(phone, "Se, hvad der sker")
    wait_for_text(phone, "Vælg den lejer, der er død.")
    assert phone.find_element(By.ID, "diedOn").get_attribute("aria-invalid") == "true"
    assert phone.find_element(By.ID, "confirm").get_attribute("aria-invalid") == "true"
    assert_accessible(phone)
    # The first tenant died ten days ago; the browser's date field takes month, day and year as typed.
    phone.find_elements(By.CSS_SELECTOR, "input[name='deceased']")[0].click()
    died = datetime.date.today() - datetime.timedelta(days=10)
    phone.find_element(By.ID, "diedOn").send_keys(died.strftime("%m%d%Y"))
    phone.find_element(By.ID, "confirm").click()
    click_button(phone, "Se, hvad der sker")
    wait_for_text(phone, "Kontrollér, før du registrerer")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert f"Tages af lejekontrakten\n{tenants[0]}" in main
    assert f"Fortsætter lejemålet\n{tenants[1]}" in main
    assert "Nu fortsætter du lejemålet" in main and "Vi vil gerne udtrykke vores medfølelse." in main
    assert_accessible(phone)
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    click_button(phone, "Registrér dødsfaldet og send brevene")
    wait_for_text(phone, "Dødsfaldet er registreret")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert f"Registreret, at en lejer er død, og taget af lejekontrakten: {tenants[0]}" in main
    assert "Om lejemålet" in main
    assert_accessible(phone)


def co_tenancy(browser, url):
    """The demo's lease with two tenants: the chooser's indexes of its tenant and its co-tenant."""
    from test_login import choose_people
    people = choose_people(browser, url, "Log ind med MitID")
    co = next(i for i, text in enumerate(people) if "Medlejer," in text)
    address = people[co].split("Medlejer, ")[1].splitlines()[0]
    tenant = next(i for i, text in enumerate(people) if f"Lejer, {address}" in text)
    return tenant, co


def give_notice(browser, url, tenant):
    log_in(browser, url, "Log ind med MitID", tenant)
    browser.get(url("/mit-hjem"))
    browser.find_element(By.LINK_TEXT, "Opsig lejemålet").click()
    wait_for_text(browser, "Se opsigelsen, før du sender")
    browser.find_element(By.ID, "forwardingAddress").send_keys("Nygade 4, 2. th\n8000 Aarhus C")
    browser.find_element(By.ID, "confirm").click()
    click_button(browser, "Se opsigelsen, før du sender")
    wait_for_text(browser, "Se din opsigelse igennem")
    click_button(browser, "Send opsigelsen")
    wait_for_text(browser, "Din opsigelse er sendt. Den er modtaget, når alle lejere har underskrevet med MitID.")


def test_a_co_tenant_who_will_not_end_the_lease_stops_the_notice_without_javascript(phone_without_js, url):
    from test_login import log_out
    phone = phone_without_js
    tenant, co = co_tenancy(phone, url)
    give_notice(phone, url, tenant)
    assert_accessible(phone)
    log_out(phone)
    # The co-tenant is told on Mit hjem, and says no: the box first, at its field.
    log_in(phone, url, "Log ind med MitID", co)
    phone.get(url("/mit-hjem"))
    wait_for_text(phone, "En opsigelse af lejemålet venter på din underskrift")
    phone.find_element(By.PARTIAL_LINK_TEXT, "venter på din underskrift").click()
    wait_for_text(phone, "Den mangler din underskrift.")
    assert_accessible(phone)
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    click_button(phone, "Jeg vil ikke opsige")
    wait_for_text(phone, "Sæt kryds, hvis du vil stoppe opsigelsen.")
    assert phone.find_element(By.ID, "stop").get_attribute("aria-invalid") == "true"
    assert_accessible(phone)
    phone.find_element(By.ID, "stop").click()
    click_button(phone, "Jeg vil ikke opsige")
    wait_for_text(phone, "Opsigelsen er stoppet. Lejemålet fortsætter.")
    assert_accessible(phone)
    log_out(phone)


def test_a_tenant_and_the_co_tenant_each_sign_with_mitid_and_the_notice_arrives_on_a_phone(phone, url):
    from test_login import log_out
    tenant, co = co_tenancy(phone, url)
    # The stopped notice (the test above) gives way to a new one.
    give_notice(phone, url, tenant)
    assert_accessible(phone)
    log_out(phone)
    log_in(phone, url, "Log ind med MitID", co)
    phone.get(url("/mit-hjem"))
    phone.find_element(By.PARTIAL_LINK_TEXT, "venter på din underskrift").click()
    wait_for_text(phone, "Den mangler din underskrift.")
    click_button(phone, "Underskriv opsigelsen")
    wait_for_text(phone, "Sæt kryds, hvis du vil opsige lejemålet.")
    assert phone.find_element(By.ID, "confirm").get_attribute("aria-invalid") == "true"
    assert_accessible(phone)
    phone.find_element(By.ID, "confirm").click()
    click_button(phone, "Underskriv opsigelsen")
    # The last signature makes the notice arrive: the case says so, with the confirmation.
    wait_for_text(phone, "Din opsigelse er modtaget.")
    assert "Opsigelse af" in phone.find_element(By.TAG_NAME, "main").text
    assert_accessible(phone)
    log_out(phone)

"""Resident democracy in a real browser: a meeting from its call to its published minutes, and a
digital ballot, with axe-core checking every page for WCAG 2.1 AA."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_help import click_button, fits_the_screen, wait_for_text
from test_letters import log_in_staff
from test_login import choose_people, log_in, log_out
from test_pages import assert_accessible


def neighbour_indices(browser, url):
    """The first tenant (index 0) and the demo's two neighbours in the same department."""
    people = choose_people(browser, url, "Log ind med MitID")
    return [0] + [i for i, text in enumerate(people) if "Nabo i samme afdeling" in text]


def test_a_meeting_runs_from_its_call_to_its_published_minutes(browser, phone, url):
    log_in_staff(browser, url, "Administrator")
    browser.find_element(By.LINK_TEXT, "Møder").click()
    wait_for_text(browser, "Indkald til møde")
    assert_accessible(browser)
    # The demo department: its number and organisation, from the coming meeting in the list.
    row = browser.find_element(By.XPATH, "//tr[.//a[starts-with(normalize-space(), 'Afdelingsmøde, afdeling')]]")
    number = re.search(r"Afdelingsmøde, afdeling (\d+)", row.text).group(1)
    organisation = row.find_element(By.CSS_SELECTOR, ".meta").text

    # Calling a meeting: problems at their fields, then the deadlines worked out from the day.
    browser.find_element(By.LINK_TEXT, "Indkald til møde").click()
    wait_for_text(browser, "Med 4 ugers varsel kan mødet tidligst holdes")
    assert_accessible(browser)
    click_button(browser, "Opret mødet")
    wait_for_text(browser, "Vælg en af dine boligorganisationer.")
    assert browser.find_element(By.ID, "place").get_attribute("aria-invalid") == "true"
    assert_accessible(browser)
    Select(browser.find_element(By.ID, "organisation")).select_by_visible_text(organisation)
    browser.find_element(By.ID, "department").send_keys(number)
    browser.find_element(By.ID, "place").send_keys("Beboerhuset")
    click_button(browser, "Opret mødet")
    wait_for_text(browser, "Indkaldelsen sendes senest")
    assert_accessible(browser)
    meeting = browser.current_url.rsplit("/", 1)[1].split("?")[0]

    # The notice: a bulk letter to every household built from the meeting, by Digital Post or post.
    click_button(browser, "Lav indkaldelsen")
    wait_for_text(browser, "Se et eksempel på brevet (PDF)")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Indkaldelse til afdelingsmøde" in main
    # Some households by Digital Post, the rest (no CPR number in the register) on paper.
    assert int(re.search(r"Digital Post, hvis modtageren er tilmeldt \(.*?\): (\d+)", main).group(1)) > 0
    assert int(re.search(r"Fysisk brev – .*?(\d+)", main).group(1)) > 0
    assert_accessible(browser)
    click_button(browser, "Send brevene")
    WebDriverWait(browser, 60).until(
        lambda d: (d.refresh() or True) and d.find_element(By.ID, "status").get_attribute("data-status") == "completed")
    # The paper notices wait for print (making the batch is test_letters' part).
    browser.get(url("/admin/print"))
    waiting = int(re.search(r"Breve der venter på udskrivning: (\d+)", browser.find_element(By.TAG_NAME, "main").text).group(1))
    assert waiting > 0

    # A resident of the department proposes (seeing it first, as everyone will) and registers.
    log_in(phone, url, "Log ind med MitID", 0)
    phone.find_element(By.LINK_TEXT, "Beboerdemokrati").click()
    wait_for_text(phone, "Ekstraordinært afdelingsmøde")
    assert_accessible(phone)
    phone.get(url(f"/mit-hjem/moeder/{meeting}"))
    wait_for_text(phone, "Stil et forslag")
    assert "Beboerhuset" in phone.find_element(By.TAG_NAME, "main").text
    assert_accessible(phone)
    click_button(phone, "Se forslaget, før det sendes")
    wait_for_text(phone, "Skriv en overskrift")
    assert phone.find_element(By.ID, "title").get_attribute("aria-invalid") == "true"
    phone.find_element(By.ID, "title").send_keys("Legeplads ved blok C")
    phone.find_element(By.ID, "text").send_keys("Vi foreslår en ny legeplads.")
    click_button(phone, "Se forslaget, før det sendes")
    wait_for_text(phone, "Sådan bliver dit forslag vist for alle beboere i afdelingen")
    assert_accessible(phone)
    click_button(phone, "Send forslaget")
    wait_for_text(phone, "Dit forslag er sendt.")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Legeplads ved blok C" in main and "Stillet af " in main
    click_button(phone, "Tilmeld mig")
    wait_for_text(phone, "Du er tilmeldt mødet.")
    assert fits_the_screen(phone)
    assert_accessible(phone)

    # The proposal and the registration reach the caseworker's page of the meeting.
    browser.get(url(f"/admin/moeder/{meeting}"))
    wait_for_text(browser, "Legeplads ved blok C")
    assert "1 tilmeldt fra 1 husstand." in browser.find_element(By.TAG_NAME, "main").text

    # The extraordinary meeting held two days ago: votes and minutes, a preview, then publication.
    browser.find_element(By.LINK_TEXT, "Møder").click()
    browser.find_element(By.PARTIAL_LINK_TEXT, "Ekstraordinært afdelingsmøde").click()
    wait_for_text(browser, "Gem resultater og referat")
    assert_accessible(browser)
    browser.find_element(By.CSS_SELECTOR, "input[id^='for_']").send_keys("31")
    browser.find_element(By.CSS_SELECTOR, "input[id^='against_']").send_keys("9")
    browser.find_element(By.ID, "minutes").send_keys("Forslaget om et fælles vaskeri blev vedtaget og sendt til urafstemning.")
    click_button(browser, "Gem resultater og referat")
    wait_for_text(browser, "Resultater og referat er gemt.")
    assert browser.find_elements(By.LINK_TEXT, "Se referatet som PDF, som beboerne vil se det")
    click_button(browser, "Offentliggør referatet")
    wait_for_text(browser, "Sæt flueben, når du har læst referatet igennem.")
    assert_accessible(browser)
    browser.find_element(By.CSS_SELECTOR, "label[for='confirm']").click()
    click_button(browser, "Offentliggør referatet")
    wait_for_text(browser, "Referatet er offentliggjort.")
    assert "Vedtaget: 31 for, 9 imod" in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)

    # The resident finds the minutes.
    phone.get(url("/mit-hjem/moeder"))
    phone.find_element(By.PARTIAL_LINK_TEXT, "Ekstraordinært afdelingsmøde").click()
    wait_for_text(phone, "Læs referatet (PDF)")
    assert_accessible(phone)


def test_two_residents_vote_and_a_third_cannot_vote_twice(browser, url):
    voters = neighbour_indices(browser, url)
    assert len(voters) == 3, "the demo offers two neighbours of the first tenant"
    for turn, index in enumerate(voters):
        log_in(browser, url, "Log ind med MitID", index)
        browser.get(url("/mit-hjem/moeder"))
        browser.find_element(By.PARTIAL_LINK_TEXT, "Ekstraordinært afdelingsmøde").click()
        wait_for_text(browser, "Skal afdelingen indrette et fælles vaskeri i kælderen?")
        assert "Afstemningen er åben" in browser.find_element(By.TAG_NAME, "main").text
        assert_accessible(browser)
        meeting = browser.current_url
        # Nothing chosen: said at the ballot.
        click_button(browser, "Se din stemme, før du afgiver den")
        wait_for_text(browser, "Vælg en af svarmulighederne.")
        preview(browser)
        # The preview offers no answer to tick: what is cast is what it shows. Choosing again
        # brings the answers back with the one chosen ticked.
        assert not browser.find_elements(By.CSS_SELECTOR, "input[type='radio']")
        if turn == 0:
            click_button(browser, "Vælg et andet svar")
            wait_for_text(browser, "Se din stemme, før du afgiver den")
            assert browser.find_element(By.XPATH, "//label[normalize-space()='Ja']/preceding-sibling::input").is_selected()
            preview(browser)
        first = browser.current_window_handle
        if turn == 2:
            # The third has the same confirmation open in a second tab, and sends it from both.
            browser.switch_to.new_window("tab")
            browser.get(meeting)
            preview(browser)
            second = browser.current_window_handle
            browser.switch_to.window(first)
        click_button(browser, "Afgiv stemmen")
        wait_for_text(browser, "Din stemme er afgivet.")
        assert "Du har stemt." in browser.find_element(By.TAG_NAME, "main").text
        assert not browser.find_elements(By.XPATH, "//button[normalize-space()='Afgiv stemmen']")
        assert_accessible(browser)
        if turn == 2:
            browser.switch_to.window(second)
            click_button(browser, "Afgiv stemmen")
            wait_for_text(browser, "Du har allerede stemt. En stemme tælles kun én gang.")
            assert_accessible(browser)
            browser.close()
            browser.switch_to.window(first)
        log_out(browser)


def preview(browser):
    browser.find_element(By.XPATH, "//label[normalize-space()='Ja']").click()
    click_button(browser, "Se din stemme, før du afgiver den")
    wait_for_text(browser, "Du stemmer »Ja«")
    assert_accessible(browser)

"""The help centre and "Mit hjem" in a real browser: a visitor's search, a caseworker writing,
previewing and publishing an article and uploading a department document, and the resident
seeing both. Every page is checked by axe-core for WCAG 2.1 AA, with and without JavaScript and
on a phone-sized screen."""
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_cases import NAVIGATING
from test_letters import log_in_staff
from test_login import log_in
from test_pages import assert_accessible

# A small, valid PDF: what the upload form accepts (its type is checked by content).
PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def wait_for_text(driver, text):
    WebDriverWait(driver, 10, ignored_exceptions=NAVIGATING).until(
        lambda d: text in d.find_element(By.TAG_NAME, "main").text)


def click_button(driver, label):
    driver.find_element(By.XPATH, f"//button[normalize-space()='{label}']").click()


def fits_the_screen(driver):
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def test_a_visitor_searches_opsige_and_finds_the_termination_article(browser, url):
    browser.get(url("/hjaelp"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Hjælp og vejledning"
    assert_accessible(browser)
    browser.find_element(By.ID, "q").send_keys("opsige")
    browser.find_element(By.CSS_SELECTOR, "form.help-search button").click()
    WebDriverWait(browser, 10).until(lambda d: "q=opsige" in d.current_url)
    assert browser.find_elements(By.CSS_SELECTOR, ".help-results mark")
    first = browser.find_element(By.CSS_SELECTOR, ".help-results li a")
    assert first.get_attribute("href").endswith("/hjaelp/opsigelse")
    assert_accessible(browser)
    first.click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("/hjaelp/opsigelse"))
    assert browser.find_element(By.ID, "received")  # the calculator below the article
    assert browser.find_elements(By.CSS_SELECTOR, ".prose h2")
    assert_accessible(browser)


def test_the_help_centre_works_without_javascript_and_on_a_phone(browser_without_js, phone, url):
    # axe needs JavaScript: the phone (with it) checks the pages, the other browser uses them without.
    for driver in (browser_without_js, phone):
        driver.get(url("/hjaelp?q=fremlejer"))
        hits = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".help-results li a")]
        assert any(href.endswith("/hjaelp/fremleje") for href in hits)
        for path in ("/hjaelp?q=fremlejer", "/hjaelp", "/hjaelp/naboklage", "/hjaelp/persondata?lang=en"):
            driver.get(url(path))
            if driver is phone:
                assert_accessible(driver)
                assert fits_the_screen(driver), path
    # A visitor chooses their department in two steps, with no script.
    driver = browser_without_js
    driver.get(url("/hjaelp?lang=da"))
    Select(driver.find_element(By.ID, "organisation")).select_by_index(1)
    click_button(driver, "Vis vejledning")
    WebDriverWait(driver, 10, ignored_exceptions=NAVIGATING).until(lambda d: d.find_elements(By.ID, "afdeling"))
    Select(driver.find_element(By.ID, "afdeling")).select_by_index(1)
    click_button(driver, "Vis vejledning")
    wait_for_text(driver, "Vejledning for Afdeling")


def test_a_caseworker_publishes_an_article_and_a_document_that_the_resident_then_sees(browser, phone, url):
    resident, staff = phone, browser
    log_in(resident, url, "Log ind med MitID", 0)
    resident.get(url("/mit-hjem"))
    main = resident.find_element(By.TAG_NAME, "main").text
    assert "Afdelingsbestyrelsen" in main and "Kontakt" in main and "Mest læste vejledninger" in main
    assert_accessible(resident)
    # "Lejer · Boligselskabet X, Afdeling 3 Navn"
    meta = resident.find_element(By.CSS_SELECTOR, ".home .meta").text.split(" · ", 1)[1]
    organisation, department = meta.rsplit(", Afdeling ", 1)

    log_in_staff(staff, url, "Administrator")
    staff.find_element(By.LINK_TEXT, "Hjælpeartikler").click()
    Select(staff.find_element(By.ID, "organisation")).select_by_visible_text(organisation)
    click_button(staff, "Vis")
    # The list comes back as a new page: axe runs in that one, not the one it left.
    WebDriverWait(staff, 10).until(lambda d: "organisation=" in d.current_url)
    assert_accessible(staff)
    staff.find_element(By.LINK_TEXT, "Ny artikel").click()
    assert_accessible(staff)
    # Nothing filled in: every problem at its field, in Danish.
    click_button(staff, "Gem kladde")
    wait_for_text(staff, "Skriv en titel.")
    assert staff.find_element(By.ID, "title_da").get_attribute("aria-invalid") == "true"
    assert_accessible(staff)
    Select(staff.find_element(By.ID, "scope")).select_by_visible_text("Afdeling " + department)
    staff.find_element(By.ID, "slug").send_keys("vaskeri-tider")
    staff.find_element(By.ID, "title_da").send_keys("Vaskeriets åbningstider")
    staff.find_element(By.ID, "summary_da").send_keys("Hvornår du kan vaske, og hvordan du booker.")
    staff.find_element(By.ID, "body_da").send_keys(
        "## Tider\n\nVaskeriet er åbent kl. 7–22.\n\n<script>alert(1)</script>\n\nSe også [husorden](/hjaelp/husorden).")
    click_button(staff, "Forhåndsvis")
    wait_for_text(staff, "Forhåndsvisning: ikke gemt endnu")
    assert "<script>alert(1)</script>" in staff.find_element(By.CSS_SELECTOR, ".help-preview").text
    assert_accessible(staff)
    click_button(staff, "Gem kladde")
    wait_for_text(staff, "Kladden er gemt")
    assert_accessible(staff)
    click_button(staff, "Udgiv version 1")
    wait_for_text(staff, "Artiklen er udgivet")

    staff.get(url("/admin/dokumenter"))
    Select(staff.find_element(By.ID, "organisation")).select_by_visible_text(organisation)
    click_button(staff, "Vis")
    WebDriverWait(staff, 10).until(lambda d: "organisation=" in d.current_url)
    assert_accessible(staff)
    Select(staff.find_element(By.ID, "department")).select_by_visible_text(department)
    staff.find_element(By.ID, "title").send_keys("Husorden 2026")
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as file:
        file.write(PDF)
    staff.find_element(By.ID, "file").send_keys(file.name)
    click_button(staff, "Læg dokumentet op")
    wait_for_text(staff, "Dokumentet er lagt op")
    assert_accessible(staff)
    # The service centre residents see under "Kontakt".
    staff.find_element(By.LINK_TEXT, "Afdeling " + department).click()
    assert_accessible(staff)
    hours = staff.find_element(By.ID, "hours")
    hours.clear()
    hours.send_keys("Mandag–fredag 9.00–12.00")
    click_button(staff, "Gem kontaktoplysninger")
    wait_for_text(staff, "Kontaktoplysningerne er gemt")
    assert_accessible(staff)

    resident.get(url("/mit-hjem"))
    assert "Husorden 2026" in resident.find_element(By.TAG_NAME, "main").text
    assert "Mandag–fredag 9.00–12.00" in resident.find_element(By.TAG_NAME, "main").text
    assert fits_the_screen(resident)
    resident.get(url("/hjaelp"))
    resident.find_element(By.LINK_TEXT, "Vaskeriets åbningstider").click()
    assert resident.find_element(By.TAG_NAME, "h1").text == "Vaskeriets åbningstider"
    assert "<script>" in resident.find_element(By.CSS_SELECTOR, ".prose").text
    assert_accessible(resident)

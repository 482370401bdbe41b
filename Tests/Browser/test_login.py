"""Logging in with the sandbox MitID and staff provider in a real browser, for every demo role."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_pages import assert_accessible


def choose_people(browser, url, link_text):
    browser.get(url("/log-ind"))
    browser.find_element(By.LINK_TEXT, link_text).click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "li.card"))
    return [row.text for row in browser.find_elements(By.CSS_SELECTOR, "li.card")]


def log_in(browser, url, link_text, index):
    choose_people(browser, url, link_text)
    row = browser.find_elements(By.CSS_SELECTOR, "li.card")[index]
    name = row.find_element(By.TAG_NAME, "button").text.removeprefix("Log ind som ")
    row.find_element(By.TAG_NAME, "button").click()
    wait_until_left_sandbox(browser)
    return name


def wait_until_left_sandbox(browser):
    """The chooser posts to the provider, which redirects back through the app's callback."""
    WebDriverWait(browser, 10).until(lambda d: "/sandbox/" not in d.current_url and "/retur" not in d.current_url)
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


def log_out(browser):
    browser.find_element(By.CSS_SELECTOR, ".header-actions button").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CLASS_NAME, "login-link"))
    assert browser.find_element(By.CLASS_NAME, "login-link").text == "Log ind"


def test_every_demo_resident_logs_in_with_mitid_and_out_again(browser, url):
    people = choose_people(browser, url, "Log ind med MitID")
    roles = " ".join(people)
    for role in ("Lejer", "Medlejer", "Husstandsmedlem", "Afdelingsbestyrelse", "Organisationsbestyrelse"):
        assert role in roles
    for index in range(len(people)):
        if "uden CPR-nummer" in people[index]:
            # Not linked yet: asked for the activation code (test_cases.py), not signed in.
            continue
        name = log_in(browser, url, "Log ind med MitID", index)
        assert browser.current_url.endswith("/mit-hjem")
        assert browser.find_element(By.TAG_NAME, "h1").text == "Mit hjem"
        assert browser.find_element(By.CLASS_NAME, "user-name").text == name
        if "Anden part" in people[index]:
            # A sub-tenant has no lease of their own here, only the case.
            assert "Dine åbne sager" in browser.find_element(By.TAG_NAME, "main").text, name
        else:
            assert browser.find_elements(By.CSS_SELECTOR, "main section.home"), name
        log_out(browser)


def test_every_demo_staff_member_logs_in(browser, url):
    people = choose_people(browser, url, "Log ind som medarbejder")
    assert any("Administrator" in p for p in people) and any("Sagsbehandler" in p for p in people)
    for index in range(len(people)):
        name = log_in(browser, url, "Log ind som medarbejder", index)
        assert browser.find_element(By.CLASS_NAME, "user-name").text == name
        log_out(browser)


def test_signed_in_pages_and_the_sandbox_chooser_meet_wcag_21_aa(browser, url):
    choose_people(browser, url, "Log ind med MitID")
    assert_accessible(browser)
    log_in(browser, url, "Log ind med MitID", 0)
    assert_accessible(browser)
    browser.find_element(By.CSS_SELECTOR, "main section.home h2 a").click()
    assert browser.find_element(By.TAG_NAME, "h1").text
    assert_accessible(browser)


def test_a_page_behind_login_returns_there_after_logging_in(browser, url):
    browser.get(url("/mit-hjem"))
    assert "/log-ind" in browser.current_url
    browser.find_element(By.LINK_TEXT, "Log ind med MitID").click()
    browser.find_elements(By.CSS_SELECTOR, "li.card button")[0].click()
    wait_until_left_sandbox(browser)
    assert browser.current_url.endswith("/mit-hjem")


def test_audit_pages_meet_wcag_21_aa(browser, url):
    people = choose_people(browser, url, "Log ind som medarbejder")
    admin = next(i for i, p in enumerate(people) if "Administrator" in p)
    log_in(browser, url, "Log ind som medarbejder", admin)
    # Staff land on their cases; the audit log is one of the administration pages.
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sager"
    browser.find_element(By.LINK_TEXT, "Administration").click()
    assert_accessible(browser)
    browser.find_element(By.LINK_TEXT, "Revisionsspor").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Revisionsspor"
    assert browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert_accessible(browser)
    log_out(browser)
    log_in(browser, url, "Log ind med MitID", 0)
    browser.find_element(By.LINK_TEXT, "Mine oplysninger").click()
    browser.find_element(By.LINK_TEXT, "Se hvem der har set dine oplysninger").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Hvem har set mine oplysninger"
    assert_accessible(browser)

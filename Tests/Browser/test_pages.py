"""The public pages in a real browser: what a resident sees and does, and WCAG 2.1 AA by axe-core."""
import pytest
from selenium_axe_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(driver):
    # axe runs in the page: a browser without JavaScript is checked by its twin with it.
    if not driver.almen_javascript:
        return
    axe = Axe(driver)
    axe.inject()
    results = axe.run(context="document", options=WCAG_AA)
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in results["violations"]]
    assert violations == []


def fill_calculator(driver, received, housing=None, weeks=None):
    # A date input takes its value in the browser's locale; set the ISO value as a picker would.
    field = driver.find_element(By.ID, "received")
    driver.execute_script("arguments[0].value = arguments[1]", field, received)
    if housing:
        Select(driver.find_element(By.ID, "housing")).select_by_value(housing)
    if weeks:
        driver.find_element(By.ID, "noticeWeeks").send_keys(weeks)
    submit(driver)


def submit(driver):
    """Submits the calculator and waits for the answer page to load."""
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(driver, 10).until(expected_conditions.url_contains("received="))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


@pytest.mark.parametrize("path", [
    "/",
    "/?lang=en",
    "/fraflytning/beregner",
    "/fraflytning/beregner?received=2025-12-10",
    "/fraflytning/beregner?received=2026-02-31&housing=youth",
    "/findes-ikke",
    "/log-ind",
])
def test_every_page_meets_wcag_21_aa(browser, url, path):
    browser.get(url(path))
    assert_accessible(browser)


def test_front_page_lists_organisations_and_each_has_a_page_of_departments(browser, url):
    browser.get(url("/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Boligorganisationer"
    assert "opdigtede" in browser.find_element(By.CLASS_NAME, "demo-banner").text
    organisations = browser.find_elements(By.CSS_SELECTOR, ".org a.org-name")
    assert len(organisations) >= 1
    name = organisations[0].text
    organisations[0].click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/organisationer/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == name
    departments = browser.find_elements(By.CSS_SELECTOR, ".dept-list li")
    assert departments and departments[0].text.startswith("Afdeling 1")
    assert_accessible(browser)


def test_resident_finds_the_end_date_with_the_calculator(browser, url):
    browser.get(url("/"))
    browser.find_element(By.LINK_TEXT, "Hvornår kan jeg fraflytte?").click()
    fill_calculator(browser, "2025-12-10")
    result = browser.find_element(By.CSS_SELECTOR, ".result-date time")
    assert result.text == "tirsdag den 7. april 2026"
    assert result.get_attribute("datetime") == "2026-04-07"
    steps = [li.text for li in browser.find_elements(By.CSS_SELECTOR, ".steps li")]
    assert "Onsdag den 1. april 2026 kan ikke bruges: dagen før Skærtorsdag." in steps


def test_youth_notice_below_six_weeks_is_explained_next_to_the_field(browser, url):
    browser.get(url("/fraflytning/beregner"))
    fill_calculator(browser, "2026-03-10", housing="youth", weeks="4")
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "mindst 6 uger" in summary.text
    field = browser.find_element(By.ID, "noticeWeeks")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("value") == "4"
    # The problems have the focus; the problem's link puts it in the field.
    assert browser.execute_script("return document.activeElement.classList.contains('error-summary')")
    summary.find_element(By.TAG_NAME, "a").click()
    assert browser.execute_script("return document.activeElement.id") == "noticeWeeks"


def test_calculator_works_without_javascript(browser_without_js, url):
    # A plain GET form: the page's one script only moves the focus to a refused form's problems
    # (every page has it). The driver fills the date field as a person would (its own scripting
    # is not the page's), and the browser submits the form.
    browser_without_js.get(url("/fraflytning/beregner?lang=en"))
    scripts = browser_without_js.find_elements(By.TAG_NAME, "script")
    assert [script.get_attribute("src") for script in scripts] == [url("/js/error-summary.js")]
    Select(browser_without_js.find_element(By.ID, "housing")).select_by_value("care")
    browser_without_js.find_element(By.ID, "reason").click()
    browser_without_js.find_element(By.ID, "received").send_keys("02102024")
    submit(browser_without_js)
    assert "received=2024-02-10" in browser_without_js.current_url
    assert browser_without_js.find_element(By.CSS_SELECTOR, ".result-date time").text == "Saturday 30 March 2024"


def test_language_switch_is_remembered_across_pages(browser, url):
    browser.get(url("/"))
    browser.find_element(By.CLASS_NAME, "lang-switch").click()
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    browser.find_element(By.LINK_TEXT, "When can I move out?").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "When can I move out?"
    browser.find_element(By.CLASS_NAME, "lang-switch").click()
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "da"


@pytest.mark.parametrize("path", ["/", "/fraflytning/beregner?received=2025-12-10"])
def test_pages_fit_a_phone_without_sideways_scrolling(phone, url, path):
    phone.get(url(path))
    assert phone.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    button = phone.find_element(By.CSS_SELECTOR, ".button, button")
    assert button.size["height"] >= 44


def test_keyboard_user_can_skip_to_content(browser, url):
    browser.get(url("/"))
    browser.find_element(By.TAG_NAME, "body").send_keys("\ue004")  # Tab
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "skip-link"
    focused.send_keys("\ue007")  # Enter
    assert browser.current_url.endswith("#indhold")

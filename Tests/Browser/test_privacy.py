"""Personal data in a real browser: a resident withdraws a consent, downloads the copy of their
data, grants a fuldmagt; the helper takes it into use and acts for them within what it covers;
the resident sees both names in "Hvem har set mine oplysninger" and revokes it. axe-core checks
every page for WCAG 2.1 AA, and the pages fit a phone."""
import io
import urllib.request
import zipfile
from datetime import date, timedelta

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_help import fits_the_screen, wait_for_text
from test_login import choose_people, log_in, log_out
from test_pages import assert_accessible


def submit(browser, action_suffix, intent=None):
    """Submits the form whose action ends with `action_suffix` (and carries `intent`)."""
    for form in browser.find_elements(By.CSS_SELECTOR, "form[method=post]"):
        if not form.get_attribute("action").split("#")[0].endswith(action_suffix):
            continue
        if intent and not form.find_elements(By.CSS_SELECTOR, f"input[name=intent][value={intent}]"):
            continue
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        return
    raise AssertionError(f"no form posting to {action_suffix} {intent or ''}")


def main_text(browser):
    return browser.find_element(By.TAG_NAME, "main").text


def test_a_resident_manages_consents_copy_and_a_fuldmagt_and_the_helper_acts(browser, phone, url):
    people = choose_people(browser, url, "Log ind med MitID")
    helper_index = next(i for i, text in enumerate(people) if "Nabo i samme afdeling" in text)
    helper_name = helper_full_name(browser, url, helper_index)
    grantor = log_in(browser, url, "Log ind med MitID", 0)

    # Consents: the exact words, then given and withdrawn, with the history.
    browser.find_element(By.LINK_TEXT, "Mine oplysninger").click()
    wait_for_text(browser, "Få en kopi af dine oplysninger")
    assert_accessible(browser)
    browser.find_element(By.LINK_TEXT, "Se og ændr dine samtykker").click()
    wait_for_text(browser, "Billeder af mig")
    assert "Vi har dit CPR-nummer fra udlejningen" in main_text(browser)
    assert_accessible(browser)
    submit(browser, "/mit-hjem/samtykker/photos", "give")
    wait_for_text(browser, "Dit samtykke er registreret.")
    submit(browser, "/mit-hjem/samtykker/photos", "withdraw")
    wait_for_text(browser, "Dit samtykke er trukket tilbage.")
    card = browser.find_element(By.ID, "samtykke-photos")
    assert "Du har trukket samtykket tilbage" in card.text
    card.find_element(By.TAG_NAME, "summary").click()
    assert "trukket tilbage" in card.find_element(By.TAG_NAME, "details").text
    assert_accessible(browser)

    # The copy: ordered, collected by the worker, downloaded once.
    browser.get(url("/mit-hjem/mine-data"))
    submit(browser, "/mit-hjem/mine-data/kopi")
    WebDriverWait(browser, 60).until(
        lambda d: (d.refresh() or True) and d.find_elements(By.PARTIAL_LINK_TEXT, "Hent kopien"))
    assert_accessible(browser)
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Hent kopien").get_attribute("href")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(link, headers={"Cookie": cookies})) as response:
        archive = zipfile.ZipFile(io.BytesIO(response.read()))
    document = archive.read("data.json").decode()
    assert '"format" : "almen.personal-data/1"' in document
    assert grantor.split()[-1] in document
    assert any(name.startswith("letters/") and name.endswith(".pdf") for name in archive.namelist())
    browser.refresh()
    wait_for_text(browser, "Du har hentet din kopi.")

    # A fuldmagt: errors at the fields, then the code, shown once.
    browser.get(url("/mit-hjem/fuldmagter"))
    wait_for_text(browser, "Giv en ny fuldmagt")
    assert_accessible(browser)
    submit(browser, "/mit-hjem/fuldmagter")
    wait_for_text(browser, "Skriv hjælperens fulde navn")
    assert browser.find_element(By.ID, "helperName").get_attribute("aria-invalid") == "true"
    assert_accessible(browser)
    browser.get(url("/mit-hjem/fuldmagter"))
    browser.find_element(By.ID, "helperName").send_keys(helper_name)
    until = (date.today() + timedelta(days=200)).isoformat()
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, "until"), until)
    submit(browser, "/mit-hjem/fuldmagter")
    wait_for_text(browser, f"Giv denne kode til {helper_name}")
    code = browser.find_element(By.CSS_SELECTOR, "p.code").text
    assert_accessible(browser)
    log_out(browser)

    # The helper takes it into use with their own login and acts for the resident.
    log_in(browser, url, "Log ind med MitID", helper_index)
    browser.get(url("/mit-hjem/fuldmagter"))
    browser.find_element(By.ID, "code").send_keys(code)
    submit(browser, "/mit-hjem/fuldmagter/kode")
    wait_for_text(browser, "Fuldmagten er taget i brug.")
    assert_accessible(browser)
    browser.find_element(By.XPATH, f"//button[normalize-space()='Handl for {grantor}']").click()
    wait_for_text(browser, f"Du handler på vegne af {grantor}.")
    assert f"Du er logget ind som {helper_name}." in browser.find_element(By.CLASS_NAME, "acting-banner").text
    assert_accessible(browser)
    # Within what it covers: the resident's consents are not the helper's to give.
    browser.get(url("/mit-hjem/samtykker"))
    submit(browser, "/mit-hjem/samtykker/photos", "give")
    wait_for_text(browser, f"Det kan du ikke gøre på vegne af {grantor} med din fuldmagt eller som værge.")
    assert_accessible(browser)
    browser.get(url("/mit-hjem/breve"))
    wait_for_text(browser, f"Du handler på vegne af {grantor}.")
    browser.find_element(By.XPATH, "//button[normalize-space()='Stop med at handle for en anden']").click()
    wait_for_text(browser, "Du handler ikke længere for en anden.")
    log_out(browser)

    # The resident sees who acted, under both names, and revokes the fuldmagt.
    log_in(browser, url, "Log ind med MitID", 0)
    browser.get(url("/mit-hjem/indsigt"))
    wait_for_text(browser, f"{helper_name} på vegne af {grantor}")
    assert_accessible(browser)
    browser.get(url("/mit-hjem/fuldmagter"))
    browser.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Tilbagekald')]").click()
    wait_for_text(browser, "Fuldmagten er tilbagekaldt.")
    assert "Tilbagekaldt" in main_text(browser)
    assert_accessible(browser)

    # On a phone: the pages fit the screen.
    log_in(phone, url, "Log ind med MitID", 0)
    for path in ["/mit-hjem/mine-data", "/mit-hjem/samtykker", "/mit-hjem/fuldmagter"]:
        phone.get(url(path))
        assert fits_the_screen(phone), path
    log_out(browser)


def helper_full_name(browser, url, index):
    """The name the sandbox MitID gives the person at `index` (their button says "Log ind som …")."""
    choose_people(browser, url, "Log ind med MitID")
    row = browser.find_elements(By.CSS_SELECTOR, "li.card")[index]
    return row.find_element(By.TAG_NAME, "button").text.removeprefix("Log ind som ")

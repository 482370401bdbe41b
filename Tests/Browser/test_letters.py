"""Letters in a real browser: "Mine breve" for a resident; bulk letters, print batches and the
template editor for staff; every page checked by axe-core for WCAG 2.1 AA."""
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_login import choose_people, log_in
from test_pages import assert_accessible


def log_in_staff(browser, url, role):
    people = choose_people(browser, url, "Log ind som medarbejder")
    index = next(i for i, p in enumerate(people) if role in p)
    log_in(browser, url, "Log ind som medarbejder", index)


def test_a_resident_finds_their_letters_with_channel_and_status(browser, url):
    log_in(browser, url, "Log ind med MitID", 0)
    browser.find_element(By.LINK_TEXT, "Mine breve").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Mine breve"
    rows = browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    subjects = " ".join(row.text for row in rows)
    assert "Påkrav om betaling af husleje" in subjects
    assert "Indkaldelse til afdelingsmøde" in subjects
    link = rows[0].find_element(By.TAG_NAME, "a").get_attribute("href")
    assert link.endswith("/pdf") and "/mit-hjem/breve/" in link
    assert_accessible(browser)


def tables_fit(driver):
    """Every table's scrolling wrapper fits the screen: no table scrolls sideways."""
    return driver.execute_script(
        "return [...document.querySelectorAll('.table-wrap')].every(w => w.scrollWidth <= w.clientWidth)")


def test_a_resident_reads_their_letters_on_a_phone_without_sideways_scrolling(phone, url):
    log_in(phone, url, "Log ind med MitID", 0)
    phone.get(url("/mit-hjem/breve"))
    cells = phone.find_elements(By.CSS_SELECTOR, "table.data tbody tr td[data-label]")
    assert cells, "the letters' cells name their column"
    assert tables_fit(phone)
    assert_accessible(phone)


def test_staff_send_a_bulk_letter_and_follow_it_to_the_end(browser, url):
    log_in_staff(browser, url, "Sagsbehandler")
    browser.get(url("/admin/breve"))
    assert_accessible(browser)
    browser.find_element(By.LINK_TEXT, "Masseudsendelse af breve").click()
    assert_accessible(browser)
    # A missing subject is explained next to the field.
    browser.find_element(By.ID, "departments").send_keys("1")
    browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
    assert browser.find_element(By.ID, "subject").get_attribute("aria-invalid") == "true"
    assert_accessible(browser)
    browser.find_element(By.ID, "subject").send_keys("Vinduespudsning")
    browser.find_element(By.ID, "text").send_keys("Vinduerne pudses mandag.\n\nHusk at fjerne ting i vindueskarmen.")
    browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.ID, "progress"))
    assert browser.find_element(By.ID, "status").get_attribute("data-status") == "draft"
    assert "Digital Post" in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)
    browser.find_element(By.XPATH, "//button[normalize-space()='Send brevene']").click()
    # The server's worker makes the letters; the page's script follows the progress and
    # reloads when the run is done.
    # Read through one script so a reload between finding the element and reading it cannot fail
    # the wait (Chromium says "Node with given id does not belong to the document" then).
    WebDriverWait(browser, 60, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "var s = document.getElementById('status'); return s ? s.dataset.status : null;") == "completed")
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    progress = browser.find_element(By.ID, "progress")
    assert progress.get_attribute("value") == progress.get_attribute("max")
    # The bar's own words agree with it.
    assert progress.get_attribute("textContent").strip() == "100 %"
    assert_accessible(browser)


def test_staff_make_a_print_batch_of_the_physical_letters(browser, url):
    log_in_staff(browser, url, "Sagsbehandler")
    browser.get(url("/admin/print"))
    assert_accessible(browser)
    browser.find_element(By.XPATH, "//button[normalize-space()='Lav en printbunke']").click()
    # The batch is typeset while the request waits; on a busy 2-core machine that can take a while.
    WebDriverWait(browser, 90).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".notice") or "/admin/print" not in d.current_url
        or d.execute_script("var h = document.querySelector('h1'); return h ? h.textContent.trim() : '';")
        != "Fysiske breve til udskrivning")
    assert browser.find_elements(By.CSS_SELECTOR, ".notice"), browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)


def test_an_administrator_edits_a_template(browser, url):
    log_in_staff(browser, url, "Administrator")
    browser.get(url("/admin/skabeloner"))
    assert_accessible(browser)
    browser.find_element(By.LINK_TEXT, "Almindeligt brev").click()
    assert "#(recipientName)" in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)
    body = browser.find_element(By.ID, "body")
    body.clear()
    body.send_keys("Kære #(recipientName)\n\n#for(p in paragraphs):#(p)\n\n#endfor")
    browser.find_element(By.XPATH, "//button[normalize-space()='Gem som ny udgave']").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".notice"))
    assert "Egen udgave 1" in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser)


def test_an_administrator_sees_the_digital_post_connections(browser, url):
    log_in_staff(browser, url, "Administrator")
    browser.get(url("/admin/digital-post"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Digital Post-forbindelser"
    assert_accessible(browser)
    browser.find_elements(By.CSS_SELECTOR, "table.data tbody a")[0].click()
    assert browser.find_element(By.ID, "choice-shared").is_selected()
    assert browser.find_element(By.ID, "token").get_attribute("value") == ""
    assert_accessible(browser)


def test_an_organisation_board_member_sees_the_residents_during_the_term(browser, url):
    people = choose_people(browser, url, "Log ind med MitID")
    index = next(i for i, p in enumerate(people) if "Organisationsbestyrelse" in p)
    log_in(browser, url, "Log ind med MitID", index)
    browser.find_element(By.LINK_TEXT, "Beboere i boligorganisationen").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Beboere i boligorganisationen"
    first = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")]
    assert len(first) == 100
    assert_accessible(browser)
    # Every organisation of the demo has more than 100 residents: a second page, with the way back.
    browser.find_element(By.CSS_SELECTOR, "nav.pager a[rel=next]").click()
    WebDriverWait(browser, 10).until(lambda d: "foer=" in d.current_url)
    second = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")]
    assert second and not set(second) & set(first)
    assert browser.find_element(By.LINK_TEXT, "Første side")
    assert_accessible(browser)

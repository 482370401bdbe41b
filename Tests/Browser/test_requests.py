"""Resident requests in a real browser on a phone, each page checked by axe-core for WCAG 2.1 AA."""
from selenium.webdriver.common.by import By

from test_help import click_button, wait_for_text
from test_login import log_in
from test_pages import assert_accessible


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
    assert phone.find_element(By.ID, "forwardingAddress").get_attribute("aria-invalid") == "true"
    assert phone.find_element(By.ID, "confirm").get_attribute("aria-invalid") == "true"
    assert_accessible(phone)
    phone.find_element(By.ID, "forwardingAddress").send_keys("Nygade 4, 2. th\n8000 Aarhus C")
    phone.find_element(By.ID, "viewing").send_keys("Hverdage efter kl. 16")
    phone.find_element(By.ID, "confirm").click()
    click_button(phone, "Se opsigelsen, før du sender")
    wait_for_text(phone, "Tjek din opsigelse")
    assert "Nygade 4, 2. th" in phone.find_element(By.TAG_NAME, "main").text
    assert_accessible(phone)
    # "Ret" goes back to the form with what was written.
    click_button(phone, "Ret")
    wait_for_text(phone, "Se opsigelsen, før du sender")
    assert phone.find_element(By.ID, "viewing").get_attribute("value") == "Hverdage efter kl. 16"
    click_button(phone, "Se opsigelsen, før du sender")
    wait_for_text(phone, "Tjek din opsigelse")
    click_button(phone, "Send opsigelsen")
    wait_for_text(phone, "Din opsigelse er")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Opsigelse af" in main
    assert_accessible(phone)

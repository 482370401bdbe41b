"""Fixtures: one headless Chromium per test (JavaScript on or off) against ALMEN_BASE_URL."""
import os

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

BASE_URL = os.environ.get("ALMEN_BASE_URL", "http://127.0.0.1:8080")


def make_driver(javascript=True, width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--lang=da-DK"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.almen_javascript = javascript
    return driver


@pytest.fixture
def browser():
    driver = make_driver()
    yield driver
    driver.quit()


@pytest.fixture
def browser_without_js():
    driver = make_driver(javascript=False)
    yield driver
    driver.quit()


@pytest.fixture
def phone():
    # Headless Chromium keeps a window at least 500 px wide whatever --window-size says; the
    # DevTools override gives the page a real 360 px phone viewport.
    driver = make_driver(width=360, height=740)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})
    yield driver
    driver.quit()


@pytest.fixture
def phone_without_js():
    """A phone-sized browser that runs no JavaScript: every form must work as plain HTML."""
    driver = make_driver(javascript=False, width=360, height=740)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})
    yield driver
    driver.quit()


@pytest.fixture(params=["phone", "phone_without_js"])
def any_phone(request):
    """The test runs twice: on a phone with JavaScript (and axe), and on one without."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def url():
    return lambda path: BASE_URL + path

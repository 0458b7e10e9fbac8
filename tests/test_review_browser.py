"""One full review in a real browser: Debian's headless chromium and chromedriver (installed by .ci/run),
driven by Selenium, against a real Datasette serving a copy of the reviewed camp hub.

A grader logs in with a password, opens the queue, grades the eye waiting for them, and sees it
counted in the agreement report. Screenshots go to $DR_SCREEN_SCREENSHOTS when set (docs/screenshots/)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from review_loop import PASSWORD, camp_hub, copy_hub  # noqa: F401 (camp_hub: a fixture)

CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if not Path(CHROMEDRIVER).is_file():
        pytest.fail("chromedriver not found: install Debian's chromium and chromium-driver (.ci/run does)")
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)  # no driver download
    driver.implicitly_wait(10)
    yield driver
    driver.quit()


def wait_for_url(driver, part: str) -> str:
    """A click that submits a form returns before the next page has loaded: wait for it."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(lambda d: part in d.current_url)
    return driver.current_url


def reviewed_count(driver, base: str) -> int:
    driver.get(f"{base}/-/review/agreement")
    return int(driver.find_element("css selector", "#agreement-1 td.reviewed").text)


def test_a_grader_logs_in_grades_an_eye_and_sees_it_counted(camp_hub, browser, tmp_path):
    from selenium.webdriver.common.by import By

    shots = Path(os.environ.get("DR_SCREEN_SCREENSHOTS") or tmp_path)
    hub = copy_hub(camp_hub, tmp_path / "hub")
    hub.start()
    base = hub.url.rsplit("/", 1)[0]
    try:
        browser.get(f"{base}/-/review")
        assert browser.current_url.endswith("/-/login")  # the queue needs a login
        browser.find_element(By.NAME, "username").send_keys("grader-a")
        browser.find_element(By.NAME, "password").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "form [type=submit]").click()
        assert wait_for_url(browser, "/-/review").endswith("/-/review")  # straight to the queue after logging in
        before = reviewed_count(browser, base)

        browser.get(f"{base}/-/review")
        browser.save_screenshot(str(shots / "review-queue.png"))
        rows = browser.find_elements(By.CSS_SELECTOR, "#waiting tr td a")
        assert len(rows) == 1  # one eye is waiting for grader-a (grader-b read it already)
        rows[0].click()
        wait_for_url(browser, "/-/review/eye/")
        photo = browser.find_element(By.CSS_SELECTOR, "img.photo")
        heatmap = browser.find_element(By.ID, "heatmap")
        loaded = "return arguments[0].complete && arguments[0].naturalWidth"
        assert browser.execute_script(loaded, photo) > 500 and browser.execute_script(loaded, heatmap) == 64
        assert browser.find_element(By.ID, "model-grade").text.startswith("Model (tiny ")
        agreeing = json.loads((camp_hub / "special.json").read_text())["grader-b's read of the waiting eye"]
        browser.find_element(By.CSS_SELECTOR, f"input[name=grade][value='{agreeing}']").click()
        browser.find_element(By.NAME, "note").send_keys("agree with the model")
        browser.save_screenshot(str(shots / "review-eye.png"))
        browser.find_element(By.ID, "save").click()
        wait_for_url(browser, "saved=")
        assert "Saved." in browser.page_source

        assert reviewed_count(browser, base) == before + 1  # now agreed by two graders: counted
        browser.save_screenshot(str(shots / "review-agreement.png"))
    finally:
        hub.kill()

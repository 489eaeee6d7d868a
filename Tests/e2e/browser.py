"""Headless Chromium (Debian's chromium and chromium-driver) driven by Selenium, with a screenshot helper."""
import os
import re

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def start(width=1280, height=900, javascript=True):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}"]:
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # Headless Chromium opens no narrower than 500 px whatever --window-size says; set again, the
    # width holds, so a 390 px phone is 390 px wide (window.innerWidth), not 500.
    driver.set_window_size(width, height)
    driver.implicitly_wait(2)
    return driver


class Browser:
    def __init__(self, driver, base, output):
        self.driver = driver
        self.base = base
        self.output = output
        os.makedirs(output, exist_ok=True)

    def go(self, path):
        self.driver.get(self.base + path)

    @property
    def path(self):
        return self.driver.current_url.removeprefix(self.base)

    def shot(self, name):
        """Saves the whole page (not just the window) as test-output/screenshots/NAME.png."""
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        width = self.driver.get_window_size()["width"]
        self.driver.set_window_size(width, max(height, 400))
        self.driver.save_screenshot(os.path.join(self.output, re.sub(r"[^a-z0-9-]+", "-", name.lower()) + ".png"))

    def find(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def all(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def type(self, selector, text, clear=True):
        element = self.find(selector)
        if clear:
            element.clear()
        element.send_keys(text)

    def select(self, selector, visible_text=None, value=None):
        choice = Select(self.find(selector))
        choice.select_by_visible_text(visible_text) if visible_text is not None else choice.select_by_value(value)

    def value(self, selector):
        return self.find(selector).get_attribute("value")

    def text(self, selector="body"):
        return self.find(selector).text

    def submit(self, form="form.stacked"):
        self.click(form + " button[type=submit]")

    def click(self, selector):
        """Clicks and, when that leaves the page, waits until the next one has loaded."""
        from selenium.webdriver.support import expected_conditions
        from selenium.webdriver.support.ui import WebDriverWait
        old = self.find("html")
        self.find(selector).click()
        try:
            WebDriverWait(self.driver, 10).until(expected_conditions.staleness_of(old))
        except Exception:
            pass  # the click did not navigate
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def sign_in(self, email, password):
        self.go("/login")
        self.type("#email", email)
        self.type("#password", password)
        self.submit()

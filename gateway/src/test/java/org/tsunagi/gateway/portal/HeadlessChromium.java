package org.tsunagi.gateway.portal;

import java.io.File;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium, headless at 1280x800, through the system chromedriver. */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                "--lang=ja", "--disable-gpu");
        // The demo TLS certificate is issued by the demo CA, which this throw-away browser profile does not know.
        options.setAcceptInsecureCerts(true);
        // The console, to catch Content-Security-Policy violations and script errors.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        // An explicit driver path: Selenium Manager is never asked to find or download anything.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}

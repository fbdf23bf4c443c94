package org.tsunagi.gateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Sign-in with certificates the gateway must refuse (revoked on the demo CRL, expired, from an untrusted CA): the
 * page says why and stays signed out. And an Ed25519 key, whose EdDSA tokens the browser signs with WebCrypto.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:portal-certificates-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        // a fresh data directory per run, like the in-memory database: a checkpoint remembered by an earlier run
        // would raise the ledger alarm against the empty ledger
        "tsunagi.data-dir=./target/portal-certificates-it-data/${random.uuid}",
        "tsunagi.participants.file=src/test/resources/api/participants-certificates.yaml"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalCertificatesIT {

    static final Path TEST_KEYS = Path.of("../keys-example/test");

    @LocalServerPort
    int port;

    WebDriver browser;

    @BeforeAll
    void startBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void revokedExpiredAndUntrustedCertificatesAreRefusedInThePage() {
        for (String[] refused : new String[][] {{"facility-revoked", "revoked/key.pem"},
                {"facility-expired", "expired/key.pem"}, {"facility-rogue", "rogue-ca/participant-key.pem"}}) {
            signIn(refused[0], TEST_KEYS.resolve(refused[1]));
            WebElement alert = browser.findElement(By.id("alert"));
            assertThat(alert.isDisplayed()).as(refused[0]).isTrue();
            assertThat(alert.getText()).as(refused[0]).contains("証明書が失効・期限切れ、または信頼されていません");
            assertThat(browser.findElement(By.id("signin")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("tabs")).isDisplayed()).isFalse();
        }
    }

    @Test
    void anEd25519KeySignsItsTokensInTheBrowser() {
        signIn("facility-ed25519", TEST_KEYS.resolve("ed25519/key.pem"));
        assertThat(browser.findElement(By.id("alert")).isDisplayed()).as(browser.findElement(By.id("alert")).getText())
                .isFalse();
        assertThat(browser.findElement(By.id("who")).getText()).contains("facility-ed25519", "Ed25519");
    }

    private void signIn(String participant, Path key) {
        browser.get("https://localhost:" + port + "/portal/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(250));
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        ((JavascriptExecutor) browser).executeScript("localStorage.clear();");
        browser.findElement(By.id("participant")).sendKeys(participant);
        browser.findElement(By.id("keyfile")).sendKeys(key.toAbsolutePath().normalize().toString());
        browser.findElement(By.id("signin-button")).click();
        wait.until(d -> d.findElement(By.id("signin-button")).isEnabled()
                && (d.findElement(By.id("alert")).isDisplayed() || !d.findElement(By.id("signin")).isDisplayed()));
    }
}

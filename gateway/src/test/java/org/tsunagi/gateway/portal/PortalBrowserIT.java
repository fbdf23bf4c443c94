package org.tsunagi.gateway.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tsunagi.cli.ParticipantToken;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.pipeline.DemoParticipants;
import org.tsunagi.gateway.sftp.EmbeddedSftpServer;
import org.tsunagi.gateway.sftp.OpenSshClient;
import org.tsunagi.routes.ledger.Checkpoint;
import org.tsunagi.routes.ledger.CheckpointSigner;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The portal in Debian's Chromium (headless, through the system chromedriver): a release notice dropped over SFTP is
 * opened, checked and acknowledged by Nagoya City in the browser, then the auditor sees the ledger entries verified
 * against the signed checkpoint; wrong keys and passwords are refused in the page; a tampered proof is shown as a
 * failure; and the page's own Merkle and checkpoint verifiers pass the RFC 9162 / transparency-dev vectors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:portal-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        // a fresh data directory per run, like the in-memory database: a checkpoint remembered by an earlier run
        // would raise the ledger alarm against the empty ledger
        "tsunagi.data-dir=./target/portal-it-data/${random.uuid}",
        "tsunagi.api.limits.burst=100000",
        "tsunagi.api.limits.requests-per-minute=1000000"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalBrowserIT {

    static final Path KEYS = Path.of("../keys-example");
    static final Path SCREENSHOTS = Path.of("target/portal-screenshots");
    static final String NAGOYA = "231002";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedSftpServer sftp;
    @Autowired
    DisclosureLedger ledger;
    @TempDir
    Path work;

    WebDriver browser;
    HttpClient http;

    @BeforeAll
    void startBrowser() throws Exception {
        browser = HeadlessChromium.start();
        http = HttpClient.newBuilder().sslContext(demoTrust()).build();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** The page's console after each test: no policy violation, no uncaught error. */
    @org.junit.jupiter.api.AfterEach
    void noPolicyViolationsOrScriptErrors() {
        List<String> problems = browser.manage().logs().get("browser").getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught")).toList();
        assertThat(problems).isEmpty();
    }

    @BeforeEach
    void freshPage() {
        browser.get(base() + "/portal/");
        js().executeScript("localStorage.clear();");
        browser.navigate().refresh();
        waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    @Test
    void aMunicipalityOpensAndAcknowledgesAMessageAndTheAuditorSeesItsEntriesVerified() throws Exception {
        String notice = DemoParticipants.sample("ReleaseNotice");
        String messageId = DemoParticipants.messageId(notice);
        Path local = Files.write(work.resolve("notice.p7m"), DemoParticipants.sealToGateway(notice, "facility-nagoya"));
        OpenSshClient facility = OpenSshClient.as("facility-nagoya", "facility-nagoya", sftp.port(), work);
        OpenSshClient.Run upload = facility.sftp("cd inbox", "put " + local + " notice.p7m.part",
                "rename notice.p7m.part notice.p7m");
        assertThat(upload.succeeded()).as(upload.output()).isTrue();
        String copyId = awaitCopy(NAGOYA);
        // What the page must show: the copy as the CLI's own opener reads it.
        Document expected = xml(DemoParticipants.open(api("/api/v1/messages/" + copyId, NAGOYA,
                "application/pkcs7-mime").body(), NAGOYA));

        signIn(NAGOYA, KEYS.resolve(NAGOYA + "/key.pem"), "");
        WebElement row = waitFor(d -> d.findElement(By.cssSelector("#inbox-table tr[data-id='" + copyId + "']")));
        assertThat(row.getText()).contains("釈放予定通知");
        row.findElement(By.tagName("button")).click();
        waitFor(d -> d.findElement(By.id("message")).isDisplayed());
        assertThat(browser.findElement(By.id("message-verified")).getText()).contains("ゲートウェイの署名を検証しました");

        // Every value of the copy is shown under its field path, and nothing else.
        Set<String> shown = browser.findElements(By.cssSelector("#message-content dd.value")).stream()
                .map(e -> e.getDomAttribute("data-path") + "=" + e.getDomAttribute("data-value"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> values = new TreeSet<>();
        leafValues(expected.getDocumentElement(), expected.getDocumentElement().getLocalName(), values);
        values.removeIf(v -> v.startsWith("ReleaseNotice/Disclosure/"));
        assertThat(shown).isEqualTo(values);
        assertThat(shown).anyMatch(v -> v.startsWith("ReleaseNotice/PlannedPlaceOfReturn/MunicipalityCode=231002"));
        String page = browser.findElement(By.id("message-content")).getText();
        assertThat(page).doesNotContain("NGY-2024-0153", "佐藤　和子")
                .contains("氏名", "帰住予定地", "welfare-support", "男性 (MALE)", "仮釈放 (PAROLE)", "佐藤　健一");

        // The withheld list is the copy's Disclosure/Withheld, shown with labels.
        List<String> withheld = browser.findElements(By.cssSelector("#message-withheld li")).stream()
                .map(e -> e.getDomAttribute("data-path")).toList();
        List<String> expectedWithheld = new ArrayList<>();
        Element withheldNode = (Element) expected.getElementsByTagNameNS("*", "Withheld").item(0);
        for (Node p = withheldNode.getFirstChild(); p != null; p = p.getNextSibling()) {
            if (p instanceof Element e) {
                expectedWithheld.add(e.getTextContent().strip());
            }
        }
        assertThat(withheld).isNotEmpty().containsExactlyElementsOf(expectedWithheld)
                .contains("ReleaseNotice/VictimRelatedRemarks");
        assertFitsWidths("municipality-message");
        screenshot("municipality-message");
        tallScreenshot("municipality-message-tall");

        browser.findElement(By.id("message-ack")).click();
        waitFor(d -> d.findElement(By.id("status")).getText().contains("受領確認を送信しました"));
        assertThat(pending(NAGOYA)).doesNotContain(copyId);

        // English switch, then back.
        browser.findElement(By.id("lang")).click();
        assertThat(browser.findElement(By.id("message-title")).getText()).contains("Release notice");
        browser.findElement(By.id("lang")).click();

        // The auditor: search Nagoya City's entries; each is checked against the signed checkpoint.
        browser.findElement(By.id("signout")).click();
        ledger.integrateNow();
        ledger.checkpointIfBehind(); // rather than waiting up to tsunagi.ledger.checkpoint-every for the schedule
        signIn("auditor", KEYS.resolve("auditor/key.pem"), "");
        waitFor(d -> d.findElement(By.id("audit")).isDisplayed());
        waitFor(d -> "verified".equals(d.findElement(By.id("checkpoint-status")).getDomAttribute("data-state")));
        browser.findElement(By.id("f-recipient")).sendKeys(NAGOYA);
        browser.findElement(By.id("search-button")).click();
        waitFor(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#audit-table tr[data-message-id='" + messageId + "']"));
            Set<String> verified = new TreeSet<>();
            for (WebElement r : rows) {
                if ("verified".equals(r.findElement(By.cssSelector("td.proof")).getDomAttribute("data-state"))) {
                    verified.add(r.getDomAttribute("data-event"));
                }
            }
            if (!verified.containsAll(Set.of("DISCLOSED", "DELIVERED", "ACKNOWLEDGED"))) {
                ledger.integrateNow();
                ledger.checkpointIfBehind();
                d.findElement(By.id("reverify")).click();
                return false;
            }
            return true;
        });
        assertThat(browser.findElements(By.cssSelector("#audit-table td.proof[data-state='failed']"))).isEmpty();
        assertThat(browser.findElement(By.id("proof-alert")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#chart-purpose svg rect"))).isNotEmpty();
        assertThat(browser.findElement(By.id("chart-purpose")).getText()).contains("welfare-support");
        assertFitsWidths("auditor-verified");
        screenshot("auditor-verified");
        tallScreenshot("auditor-verified-tall");

        // The subject report of the person in that notice: the same entries, each verified.
        String subject = browser.findElement(By.cssSelector("#audit-table tr[data-event='DISCLOSED'] td.mono"))
                .getDomAttribute("title");
        assertThat(subject).matches("[0-9a-f]{64}");
        browser.findElement(By.id("r-subject")).sendKeys(subject);
        browser.findElement(By.id("report-button")).click();
        waitFor(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#audit-table tbody tr[data-message-id='" + messageId + "']"));
            return rows.size() >= 4 && d.findElements(By.cssSelector("#audit-table tbody tr")).stream()
                    .allMatch(r -> "AUDIT_QUERY".equals(r.getDomAttribute("data-event")) || messageId.equals(r.getDomAttribute("data-message-id")))
                    && rows.stream().allMatch(r -> "verified".equals(r.findElement(By.cssSelector("td.proof")).getDomAttribute("data-state")));
        });
        assertThat(browser.findElements(By.cssSelector("#audit-table tbody tr[data-event='ACKNOWLEDGED']"))).isNotEmpty();

        // A proof altered on its way (the answer rewritten in the page's fetch) is a loud failure.
        js().executeScript("""
                const original = window.fetch;
                window.fetch = async (input, init) => {
                  const response = await original(input, init);
                  if (String(input).includes('/audit/proofs/inclusion')) {
                    const body = await response.json();
                    const h = body.hashes[0];
                    body.hashes[0] = (h[0] === 'A' ? 'B' : 'A') + h.substring(1);
                    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
                  }
                  return response;
                };""");
        browser.findElement(By.id("reverify")).click();
        waitFor(d -> d.findElement(By.id("proof-alert")).isDisplayed());
        assertThat(browser.findElements(By.cssSelector("#audit-table td.proof[data-state='failed']"))).isNotEmpty();
        assertThat(browser.findElement(By.id("proof-alert")).getText()).contains("一致しません");
        screenshot("auditor-tampered-proof");

        // A remembered checkpoint the gateway's history does not extend is refused, not replaced.
        browser.navigate().refresh();
        waitFor(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        js().executeScript("""
                const kept = JSON.parse(localStorage.getItem('tsunagi.portal.checkpoint'));
                kept.root = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
                localStorage.setItem('tsunagi.portal.checkpoint', JSON.stringify(kept));""");
        signIn("auditor", KEYS.resolve("auditor/key.pem"), "");
        waitFor(d -> "failed".equals(d.findElement(By.id("checkpoint-status")).getDomAttribute("data-state")));
        assertThat(browser.findElement(By.id("checkpoint-status")).getText()).contains("一貫していません");
        assertThat(js().executeScript("return JSON.parse(localStorage.getItem('tsunagi.portal.checkpoint')).root"))
                .as("the refused checkpoint is not remembered")
                .isEqualTo(js().executeScript("return btoa(String.fromCharCode(...new Uint8Array(32).fill(7)))"));
    }

    @Test
    void aWrongKeyOrPasswordIsRefusedInThePage() throws Exception {
        // Wrong password of a PKCS#12 file: refused before anything is sent.
        Path p12 = work.resolve("nagoya.p12");
        Process openssl = new ProcessBuilder("openssl", "pkcs12", "-export", "-inkey",
                KEYS.resolve(NAGOYA + "/key.pem").toString(), "-in", KEYS.resolve(NAGOYA + "/cert.pem").toString(),
                "-out", p12.toString(), "-passout", "pass:portal-test-password").redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor()).as(output).isZero();
        countRequests();
        signIn(NAGOYA, p12, "not-the-password");
        waitFor(d -> d.findElement(By.id("alert")).isDisplayed());
        assertThat(browser.findElement(By.id("alert")).getText()).contains("パスワードが違います");
        assertThat(js().executeScript("return window.__requests")).isEqualTo(0L);
        assertThat(browser.findElement(By.id("signin")).isDisplayed()).isTrue();

        // Another participant's key: the gateway refuses the token, the page says so and stays signed out.
        signIn(NAGOYA, KEYS.resolve("auditor/key.pem"), "");
        waitFor(d -> d.findElement(By.id("alert")).getText().contains("登録済みの鍵と一致しません"));
        assertThat(browser.findElement(By.id("signin")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("inbox")).isDisplayed()).isFalse();

        // Not a key at all.
        signIn(NAGOYA, KEYS.resolve(NAGOYA + "/cert.pem"), "");
        waitFor(d -> d.findElement(By.id("alert")).getText().contains("鍵ファイルを読めません"));

        // The right password opens the PKCS#12 file.
        signIn(NAGOYA, p12, "portal-test-password");
        waitFor(d -> d.findElement(By.id("inbox")).isDisplayed());
        assertThat(browser.findElement(By.id("who")).getText()).contains(NAGOYA);
    }

    @Test
    void theBrowsersVerifiersPassTheRfc9162AndCheckpointVectors() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        KeyPair key = generator.generateKeyPair();
        CheckpointSigner signer = new CheckpointSigner("example.org/log", key.getPrivate());
        byte[] root8 = HexFormat.of().parseHex(MerkleVectors.ROOTS[8]);
        String note = signer.sign(new Checkpoint("example.org/log", 8, root8));
        String otherKey = new CheckpointSigner("example.org/log", generator.generateKeyPair().getPrivate()).verifierKey();

        Object result = js().executeAsyncScript(MerkleVectors.SCRIPT, MerkleVectors.asJson(), note, signer.verifierKey(),
                otherKey);
        JsonNode results = JSON.readTree((String) result);
        assertThat(results.path("error").isMissingNode()).as(results.toString()).isTrue();
        List<String> failures = new ArrayList<>();
        results.fields().forEachRemaining(e -> {
            if (!e.getValue().asBoolean()) {
                failures.add(e.getKey());
            }
        });
        assertThat(failures).as(results.toString()).isEmpty();
        assertThat(results.size()).isGreaterThan(30);
    }

    @Test
    void thePortalIsServedWithAStrictPolicyAndNoCookies() throws Exception {
        for (String path : List.of("/portal/", "/portal/index.html", "/portal/js/portal.js", "/portal/keys.json")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self'")
                            .contains("frame-ancestors 'none'", "script-src 'self'", "style-src 'self'")
                            .doesNotContain("unsafe-inline", "unsafe-eval", "http"));
            assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(response.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
        HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(base() + "/portal/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(index.body()).contains("<script type=\"module\" src=\"/portal/js/portal.js\">")
                .doesNotContain("<style", "style=", "onclick", "http://", "https://");
        JsonNode keys = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base() + "/portal/keys.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String pem = Files.readString(KEYS.resolve("gateway/signing-cert.pem"));
        String der = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        assertThat(keys.path("signingCertificate").asText()).isEqualTo(der);
        assertThat(keys.path("checkpointVerifierKey").asText())
                .isEqualTo("tsunagi-gateway/ledger+f7f3135a+AR60zkD7ZbBJFTgMBsCbFxFasGdg1fA0GkJ35U9+yP+V");
        // Anything else under the portal needs no token, but the API still does.
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/messages")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/portal/keys.json"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isIn(401, 403);
    }

    // ------------------------------------------------------------------ helpers

    private void signIn(String participant, Path keyFile, String password) {
        WebElement id = browser.findElement(By.id("participant"));
        id.clear();
        id.sendKeys(participant);
        browser.findElement(By.id("keyfile")).sendKeys(keyFile.toAbsolutePath().normalize().toString());
        WebElement pass = browser.findElement(By.id("password"));
        pass.clear();
        if (!password.isEmpty()) {
            pass.sendKeys(password);
        }
        js().executeScript("document.getElementById('alert').hidden = true;");
        browser.findElement(By.id("signin-button")).click();
        waitFor(d -> d.findElement(By.id("signin-button")).isEnabled()
                && (d.findElement(By.id("alert")).isDisplayed() || !d.findElement(By.id("signin")).isDisplayed()));
    }

    private void countRequests() {
        js().executeScript("""
                window.__requests = 0;
                const original = window.fetch;
                window.fetch = (input, init) => { window.__requests++; return original(input, init); };""");
    }

    private <T> T waitFor(java.util.function.Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(250))
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                screenshot("timeout-" + System.currentTimeMillis());
            } catch (IOException ignored) {
                // the page text below says enough
            }
            throw new AssertionError("timed out; the page says: alert=" + browser.findElement(By.id("alert")).getText()
                    + " status=" + browser.findElement(By.id("status")).getText() + " checkpoint="
                    + browser.findElement(By.id("checkpoint-status")).getText(), e);
        }
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** At 1280x800 and on a portrait tablet (768x1024) the page never scrolls sideways. */
    private void assertFitsWidths(String name) throws IOException {
        org.openqa.selenium.Dimension usual = browser.manage().window().getSize();
        try {
            for (org.openqa.selenium.Dimension size : List.of(new org.openqa.selenium.Dimension(1280, 800),
                    new org.openqa.selenium.Dimension(768, 1024))) {
                browser.manage().window().setSize(size);
                Object overflow = js().executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                if (size.getWidth() == 768) {
                    screenshot(name + "-tablet");
                }
                assertThat(((Number) overflow).longValue()).as(name + " at " + size + ": horizontal overflow").isLessThanOrEqualTo(0);
            }
        } finally {
            browser.manage().window().setSize(usual);
        }
    }

    /** The page at 1280 wide but taller, for the README's pictures; then back to 1280x800. */
    private void tallScreenshot(String name) throws IOException {
        org.openqa.selenium.Dimension usual = browser.manage().window().getSize();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1900));
        try {
            js().executeScript("window.scrollTo(0, 0)");
            screenshot(name);
        } finally {
            browser.manage().window().setSize(usual);
        }
    }

    private String base() {
        return "https://localhost:" + port;
    }

    private HttpResponse<byte[]> api(String path, String participant, String accept) throws Exception {
        String token = ParticipantToken.load(participant, KEYS.resolve(participant + "/key.pem")).mint();
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + token)
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private List<String> pending(String participant) throws Exception {
        HttpResponse<byte[]> response = api("/api/v1/messages?limit=500", participant, "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.body()).path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    private String awaitCopy(String participant) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> ids = pending(participant);
            if (!ids.isEmpty()) {
                assertThat(ids).hasSize(1);
                return ids.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no copy reached " + participant);
    }

    private static void leafValues(Element element, String path, Set<String> out) {
        boolean hasChild = false;
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                hasChild = true;
                leafValues(child, path + "/" + child.getLocalName(), out);
            }
        }
        if (!hasChild) {
            out.add(path + "=" + element.getTextContent().strip());
        }
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static SSLContext demoTrust() throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(KEYS.resolve("ca/cert.pem"))) {
            store.setCertificateEntry("demo-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}

package berlin.projekte.page;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.accounts.Superusers;
import berlin.projekte.cache.ListCache;
import berlin.projekte.devtools.FakePopulation;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.PostgresTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The overview page /projekte/ in a real headless Chromium against the running app with fake data
 * (90 projects, 60 plans, 12 external projects); skipped with a message when there is no browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserPageTest extends PostgresTest {

    static final Map<String, String> LISTS = Map.of(
            "running", "/api/projects/?status=activeParticipation",
            "upcoming", "/api/projects/?status=futureParticipation",
            "past", "/api/projects/?status=pastParticipation",
            "plans", "/api/plans/",
            "external", "/api/extprojects/");

    @Autowired JdbcTemplate jdbc;
    @Autowired FakePopulation fakes;
    @Autowired Superusers superusers;
    @Autowired ListCache cache;

    ChromeDriver browser;

    @BeforeAll
    void startBrowserWithData() {
        Browser.assumeInstalled();
        new Fixtures(jdbc).deleteAll();
        fakes.ensure(90, 60, 12, 1);
        superusers.createOrResetSuperuser("admin", "admin-password");
        cache.clear();
        browser = Browser.start("de-DE");
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void desktop() {
        Browser.resize(browser, 1280, 900);
        browser.manage().deleteAllCookies();
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    /** Opens the page and waits until the current tab's tiles are all rendered. */
    void open(String pathAndQuery) {
        browser.get(url(pathAndQuery));
        awaitRendered();
    }

    void awaitRendered() {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b ->
                "ready".equals(b.findElement(By.id("results")).getDomAttribute("data-state")));
    }

    @SuppressWarnings("unchecked")
    List<String> tileTitles() {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll('#tiles > li h2 a')].map(a => a.textContent)");
    }

    JsonNode api(String path, String... headers) {
        Http.Response response = http.get(path, headers);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    static List<String> titles(JsonNode list) {
        List<String> titles = new ArrayList<>();
        list.forEach(item -> titles.add(item.get("title").asString()));
        return titles;
    }

    /** Waits until the map shows the current tab's markers (data-markers: how many items have a point). */
    void awaitMarkers() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> b.findElement(By.id("map")).getDomAttribute("data-markers") != null);
    }

    void awaitTiles(List<String> expected) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> {
            String state = b.findElement(By.id("results")).getDomAttribute("data-state");
            return "ready".equals(state) && tileTitles().equals(expected);
        });
    }

    Object script(String script, Object... args) {
        return browser.executeScript(script, args);
    }
}

package berlin.projekte.page;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.accounts.Superusers;
import berlin.projekte.cache.ListCache;
import berlin.projekte.devtools.FakeObjects;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The overview page /projekte/ in a real headless Chromium against the running app with fake data. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverviewPageTest extends PostgresTest {

    static final Map<String, String> LISTS = Map.of(
            "running", "/api/projects/?status=activeParticipation",
            "upcoming", "/api/projects/?status=futureParticipation",
            "past", "/api/projects/?status=pastParticipation",
            "plans", "/api/plans/",
            "external", "/api/extprojects/");

    @Autowired JdbcTemplate jdbc;
    @Autowired FakeObjects fakes;
    @Autowired Superusers superusers;
    @Autowired ListCache cache;
    @LocalServerPort int port;

    ChromeDriver browser;
    Http http;

    @BeforeAll
    void startBrowserWithData() {
        Browser.assumeInstalled();
        new Fixtures(jdbc).deleteAll();
        fakes.ensure(90, 60, 12, 1);
        superusers.createOrResetSuperuser("admin", "admin-password");
        cache.clear();
        http = new Http(port);
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

    @Test
    void everyTabShowsTheRightCount() {
        open("/");
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/projekte/"));
        for (String tab : List.of("running", "upcoming", "past", "plans", "external")) {
            browser.findElement(By.id("tab-" + tab)).click();
            awaitRendered();
            JsonNode list = api(LISTS.get(tab));
            assertThat(list.size()).as(tab).isPositive();
            assertThat(tileTitles()).as(tab).containsExactlyElementsOf(titles(list));
            assertThat(browser.findElement(By.cssSelector("#tab-" + tab + " .count")).getText()).isEqualTo("(" + list.size() + ")");
            assertThat(browser.getCurrentUrl()).as(tab).isEqualTo(url("/projekte/" + (tab.equals("running") ? "" : "?tab=" + tab)));
        }
    }

    @Test
    void aFilterAndASearchNarrowTheListAndTheUrlReproducesIt() {
        JsonNode past = api(LISTS.get("past"));
        String district = past.get(0).get("district").asString();
        List<String> inDistrict = new ArrayList<>();
        past.forEach(item -> {
            if (item.get("district").asString().equals(district)) {
                inDistrict.add(item.get("title").asString());
            }
        });
        assertThat(inDistrict.size()).as("the filter must narrow").isLessThan(past.size());
        open("/projekte/?tab=past");
        new Select(browser.findElement(By.id("district"))).selectByValue(district);
        awaitTiles(inDistrict);

        // a word of the first title's street, searched in that district
        String title = inDistrict.get(0);
        String word = title.substring(title.indexOf(':') + 2).split(" ")[0];
        List<String> found = inDistrict.stream().filter(t -> t.toLowerCase().contains(word.toLowerCase())).toList();
        browser.findElement(By.id("q")).sendKeys(word.toLowerCase());
        awaitTiles(found);
        assertThat(found).isNotEmpty();

        String link = browser.getCurrentUrl();
        assertThat(link).contains("tab=past", "district=", "q=");
        browser.manage().deleteAllCookies();
        browser.get("about:blank");
        open(link.substring(link.indexOf("/projekte/")));
        assertThat(tileTitles()).containsExactlyElementsOf(found);
        assertThat(new Select(browser.findElement(By.id("district"))).getFirstSelectedOption().getAttribute("value")).isEqualTo(district);
        assertThat(browser.findElement(By.id("q")).getDomProperty("value")).isEqualTo(word.toLowerCase());
        assertThat(browser.findElement(By.id("tab-past")).getDomAttribute("aria-selected")).isEqualTo("true");
    }

    void awaitTiles(List<String> expected) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> {
            String state = b.findElement(By.id("results")).getDomAttribute("data-state");
            return "ready".equals(state) && tileTitles().equals(expected);
        });
    }

    @Test
    void aPrivateProjectAppearsAfterLoginAndDisappearsAfterLogout() {
        JsonNode own = api("/api/privateprojects/", "Authorization", Http.basic("fake-user-1", "fake-password"));
        assertThat(own.size()).as("fake-user-1 takes part in private projects").isPositive();
        JsonNode project = own.get(0);
        String tab = List.of("running", "upcoming", "past").get(project.get("status").asInt());
        String title = project.get("title").asString();
        open("/projekte/?tab=" + tab);
        assertThat(tileTitles()).doesNotContain(title);

        browser.findElement(By.cssSelector("#login summary")).click();
        browser.findElement(By.id("login-username")).sendKeys("fake-user-1");
        browser.findElement(By.id("login-password")).sendKeys("fake-password", Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> b.findElement(By.id("logout")).isDisplayed());
        awaitTiles(expectedWith(tab, own));
        assertThat(tileTitles()).contains(title);
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).contains("fake-user-1");
        WebElement tile = browser.findElement(By.xpath("//li[.//h2/a[text()='" + title + "']]"));
        assertThat(tile.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Privat");

        browser.findElement(By.id("logout")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> b.findElement(By.cssSelector("#login summary")).isDisplayed());
        awaitTiles(titles(api(LISTS.get(tab))));
        assertThat(tileTitles()).doesNotContain(title);
    }

    /** The user's private projects of this tab first, then the public ones. */
    List<String> expectedWith(String tab, JsonNode own) {
        List<String> expected = new ArrayList<>();
        own.forEach(item -> {
            if (List.of("running", "upcoming", "past").get(item.get("status").asInt()).equals(tab)) {
                expected.add(item.get("title").asString());
            }
        });
        expected.addAll(titles(api(LISTS.get(tab))));
        return expected;
    }

    @Test
    void aChangeThroughTheWriteApiShowsAfterReload() {
        open("/projekte/");
        JsonNode first = api(LISTS.get("running")).get(0);
        String renamed = "Umbenannt im Test " + System.nanoTime();
        Http.Response patched = http.send("PATCH", "/api/admin/projects/" + first.get("id").asLong(),
                "{\"name\": \"" + renamed + "\"}", "Authorization", Http.basic("admin", "admin-password"));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(tileTitles()).doesNotContain(renamed);
        browser.navigate().refresh();
        awaitRendered();
        assertThat(tileTitles()).contains(renamed);
    }

    @Test
    void theEnglishPageIsEnglish() {
        open("/projekte/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Projekte und Vorhaben");
        browser.findElement(By.id("language")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "en".equals(b.findElement(By.tagName("html")).getDomAttribute("lang")));
        awaitRendered();
        assertEnglish();
        assertThat(browser.getCurrentUrl()).endsWith("?lang=en");

        // a browser that asks for English gets it without the switch
        ChromeDriver english = Browser.start("en-GB");
        try {
            english.get(url("/projekte/"));
            new WebDriverWait(english, Duration.ofSeconds(60)).until(b ->
                    "ready".equals(b.findElement(By.id("results")).getDomAttribute("data-state")));
            assertThat(english.findElement(By.tagName("h1")).getText()).isEqualTo("Projects and plans");
            assertThat(english.findElement(By.cssSelector("#tiles .state")).getText()).isEqualTo("running");
        } finally {
            english.quit();
        }
    }

    void assertEnglish() {
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Projects and plans");
        assertThat(browser.findElement(By.cssSelector("#tab-upcoming [data-text]")).getText()).isEqualTo("Upcoming");
        assertThat(browser.findElement(By.cssSelector("label[for=district]")).getText()).isEqualTo("District");
        assertThat(browser.findElement(By.cssSelector("#tiles .state")).getText()).isEqualTo("running");
        assertThat(browser.findElement(By.cssSelector("#tiles .left")).getText()).endsWith(" left");
    }

    @Test
    void theKeyboardMovesBetweenTabs() {
        open("/projekte/");
        WebElement running = browser.findElement(By.id("tab-running"));
        running.sendKeys(Keys.ARROW_RIGHT);
        awaitRendered();
        WebElement upcoming = browser.findElement(By.id("tab-upcoming"));
        assertThat(upcoming.getDomAttribute("aria-selected")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement()).isEqualTo(upcoming);
        assertThat(tileTitles()).containsExactlyElementsOf(titles(api(LISTS.get("upcoming"))));
    }

    @Test
    void markersShowWithoutATileServer() {
        open("/projekte/");
        // the test's tile server (OpenStreetMap by default) is unreachable here: the markers' canvas must still be drawn
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> (Long) browser.executeScript("""
                const canvas = document.querySelector('#map .leaflet-overlay-pane canvas');
                if (!canvas) return 0;
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let n = 0;
                for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
                return n;""") > 100);
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolation() throws IOException {
        String axe;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            assertThat(in).as("axe-core WebJar on the test classpath").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String view : List.of("/projekte/", "/projekte/?tab=past&lang=en")) {
            open(view);
            browser.findElement(By.cssSelector("#login summary")).click();
            ((JavascriptExecutor) browser).executeScript(axe);
            Object violations = ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    axe.run(document, { resultTypes: ['violations'] })
                      .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
                      .catch(e => done(['axe failed: ' + e]));""");
            assertThat((List<?>) violations).as(view).isEmpty();
        }
    }

    @Test
    void screenshots() {
        open("/projekte/");
        assertThat(Browser.screenshot(browser, "desktop")).exists();
        Browser.resize(browser, 390, 844);
        open("/projekte/?tab=upcoming");
        assertThat(Browser.screenshot(browser, "mobile")).exists();
    }
}

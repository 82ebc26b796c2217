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

/** The overview page: its lists, tabs, filters, sign-in, languages, accessibility and loading. */
class OverviewPageTest extends BrowserPageTest {

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
    void axeFindsNoSeriousOrCriticalViolation() throws IOException {
        String axe;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            assertThat(in).as("axe-core WebJar on the test classpath").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String view : List.of("/projekte/", "/projekte/?tab=past&lang=en")) {
            open(view);
            awaitMarkers(); // the clusters and the attribution are checked too
            browser.findElement(By.cssSelector("#login summary")).click();
            browser.findElement(By.cssSelector("#citywide summary")).click();
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

    /**
     * 700 plans are rendered a batch per animation frame, never more than the page's batch limit in
     * one go, so no frame is taken up by building tiles. Prints the longest tasks Chromium saw
     * (durations on a shared machine are figures, not assertions).
     */
    @Test
    void sevenHundredTilesAreRenderedInBatches() {
        fakes.ensure(90, 700, 12, 1);
        cache.clear();
        try {
            int plans = api(LISTS.get("plans")).size();
            assertThat(plans).isEqualTo(700);
            open("/projekte/?tab=plans");
            WebElement results = browser.findElement(By.id("results"));
            int limit = Integer.parseInt(results.getDomAttribute("data-batch-limit"));
            int batches = Integer.parseInt(results.getDomAttribute("data-batches"));
            int largest = Integer.parseInt(results.getDomAttribute("data-largest-batch"));
            assertThat(results.getDomAttribute("data-count")).isEqualTo(String.valueOf(plans));
            assertThat(tileTitles()).hasSize(plans);
            assertThat(limit).isBetween(1, 50);
            assertThat(largest).isBetween(1, limit);
            assertThat(batches).isGreaterThanOrEqualTo((plans + limit - 1) / limit);
            awaitMarkers();
            System.out.printf("%d tiles in %d batches (largest %d, limit %d); %s%n", plans, batches, largest, limit, longTasks());
        } finally {
            fakes.ensure(90, 60, 12, 1);
            cache.clear();
        }
    }

    /** The longest task and animation frame since navigation, and what the longest frame ran, as Chromium reports them. */
    String longTasks() {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const entries = [];
                const observer = new PerformanceObserver(list => entries.push(...list.getEntries()));
                observer.observe({ type: 'longtask', buffered: true });
                observer.observe({ type: 'long-animation-frame', buffered: true });
                // buffered entries arrive in a task of their own; this report waits for nothing else
                setTimeout(() => {
                  entries.push(...observer.takeRecords());
                  const rendered = performance.getEntriesByName('tiles-rendered')[0].startTime;
                  const longest = (type, until) => entries.filter(e => e.entryType === type && e.startTime <= until)
                    .reduce((a, e) => !a || e.duration > a.duration ? e : a, null);
                  const ms = e => e ? Math.round(e.duration) + ' ms' : 'none over 50 ms';
                  const frame = longest('long-animation-frame', Infinity);
                  done(`longest task until the last tile ${ms(longest('longtask', rendered))}, with the map ${ms(longest('longtask', Infinity))};`
                    + ` longest frame ${ms(frame)}` + (frame ? ' running ' + (frame.scripts.map(s => s.invoker + ' ' + Math.round(s.duration) + ' ms').join(', ') || 'no script') : '')
                    + `; last tile at ${Math.round(rendered)} ms`);
                }, 100);""");
    }

    /**
     * What the first view needs is requested while the page is still parsed: the open tab's list,
     * the config and the tabs' counts; the other lists only when their tab is opened, and Leaflet
     * with its cluster plugin once the tiles are there.
     */
    @Test
    void theOpenTabsListIsRequestedFirstTheOthersWhenOpenedAndLeafletAfterTheTiles() {
        open("/projekte/");
        awaitMarkers();
        @SuppressWarnings("unchecked")
        Map<String, Object> timing = (Map<String, Object>) script("""
                const started = part => performance.getEntriesByType('resource').filter(r => r.name.includes(part)).map(r => r.startTime);
                return {
                  parsed: performance.getEntriesByType('navigation')[0].domInteractive,
                  first: [...started('/api/projects/?status=activeParticipation'), ...started('/projekte/config.json'), ...started('/projekte/counts.json')],
                  others: [...started('/api/plans/'), ...started('/api/extprojects/'), ...started('Participation')],
                  rendered: performance.getEntriesByName('tiles-rendered')[0].startTime,
                  leaflet: started('/webjars/')
                };""");
        double parsed = ((Number) timing.get("parsed")).doubleValue();
        List<?> first = (List<?>) timing.get("first");
        assertThat(first).hasSize(3);
        first.forEach(start -> assertThat(((Number) start).doubleValue()).as("a first request starts before the page is parsed").isLessThan(parsed));
        assertThat((List<?>) timing.get("others")).as("only the running list: " + timing).hasSize(1);
        List<?> leaflet = (List<?>) timing.get("leaflet");
        assertThat(leaflet).as("Leaflet's and the cluster plugin's script and stylesheet").hasSize(4);
        double rendered = ((Number) timing.get("rendered")).doubleValue();
        leaflet.forEach(start -> assertThat(((Number) start).doubleValue()).as("Leaflet is loaded after the tiles").isGreaterThanOrEqualTo(rendered));

        // the counts are there before the lists; opening a tab requests its list
        for (String tab : List.of("upcoming", "past", "plans", "external")) {
            awaitText(By.cssSelector("#tab-" + tab + " .count"), "(" + api(LISTS.get(tab)).size() + ")");
        }
        browser.findElement(By.id("tab-past")).click();
        awaitRendered();
        assertThat(((Number) script("return performance.getEntriesByType('resource').filter(r => r.name.includes('pastParticipation')).length")).intValue())
                .isEqualTo(1);
        assertThat(tileTitles()).containsExactlyElementsOf(titles(api(LISTS.get("past"))));
    }

    void awaitText(By locator, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> text.equals(b.findElement(locator).getText()));
    }

    /** With a filter in the URL every tab's count needs its items: every list is requested, each count is the filtered one. */
    @Test
    void withAFilterTheCountsAreTheFilteredOnes() {
        JsonNode upcoming = api(LISTS.get("upcoming"));
        String district = upcoming.get(0).get("district").asString();
        open("/projekte/?district=" + district.replace(" ", "+"));
        for (String tab : LISTS.keySet()) {
            long matching = 0;
            for (JsonNode item : api(LISTS.get(tab))) {
                matching += district.equals(item.get("district").asString()) ? 1 : 0;
            }
            awaitText(By.cssSelector("#tab-" + tab + " .count"), "(" + matching + ")");
        }
    }

    /** The summary is a polite live region: after a filter or a search it says how many entries there are. */
    @Test
    void theLiveRegionSaysHowManyAfterAFilterAndASearch() {
        JsonNode running = api(LISTS.get("running"));
        open("/projekte/");
        WebElement summary = browser.findElement(By.id("summary"));
        assertThat(summary.getDomAttribute("aria-live")).isEqualTo("polite");
        assertThat(summary.getText()).isEqualTo(running.size() + " Einträge");

        String district = running.get(0).get("district").asString();
        List<JsonNode> inDistrict = new ArrayList<>();
        running.forEach(item -> {
            if (district.equals(item.get("district").asString())) {
                inDistrict.add(item);
            }
        });
        new Select(browser.findElement(By.id("district"))).selectByValue(district);
        awaitText(By.id("summary"), inDistrict.size() == 1 ? "1 Eintrag" : inDistrict.size() + " Einträge");

        String title = inDistrict.get(0).get("title").asString();
        browser.findElement(By.id("q")).sendKeys(title);
        awaitText(By.id("summary"), "1 Eintrag");
    }

    /**
     * No layout shift while the page loads, on a phone and a desktop, in German (the HTML's words) and
     * English (applied by the script): the layout-shift entries Chromium reports add up to 0.05 at most.
     */
    @Test
    void theLayoutDoesNotShiftWhileThePageLoads() {
        for (int[] size : new int[][] {{412, 823}, {1350, 940}}) {
            Browser.resize(browser, size[0], size[1]);
            for (String view : List.of("/projekte/", "/projekte/?lang=en")) {
                browser.get("about:blank");
                open(view);
                awaitMarkers();
                Map<?, ?> shift = (Map<?, ?>) browser.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        const entries = [];
                        const observer = new PerformanceObserver(list => entries.push(...list.getEntries()));
                        observer.observe({ type: 'layout-shift', buffered: true });
                        setTimeout(() => {
                          entries.push(...observer.takeRecords());
                          const counted = entries.filter(e => !e.hadRecentInput);
                          done({ sum: counted.reduce((sum, e) => sum + e.value, 0),
                                 moved: counted.flatMap(e => e.sources.map(s => s.node ? (s.node.id || s.node.nodeName) : '?')).join(' ') });
                        }, 500);""");
                double sum = ((Number) shift.get("sum")).doubleValue();
                System.out.printf("layout shift %s at %dx%d: %.4f (%s)%n", view, size[0], size[1], sum, shift.get("moved"));
                assertThat(sum).as(view + " at " + size[0] + "x" + size[1] + ", moved: " + shift.get("moved")).isLessThanOrEqualTo(0.05);
            }
        }
    }

    /** The README's pictures (docs/overview-*.png are copies), with the map's clusters drawn. */
    @Test
    void screenshots() {
        open("/projekte/");
        awaitMarkers();
        assertThat(Browser.screenshot(browser, "desktop")).exists();
        Browser.resize(browser, 390, 844);
        open("/projekte/?tab=upcoming");
        awaitMarkers();
        assertThat(Browser.screenshot(browser, "mobile")).exists();
    }
}

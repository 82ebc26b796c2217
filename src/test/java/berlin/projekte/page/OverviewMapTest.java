package berlin.projekte.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The overview page's map: clustered markers, the list that follows the map's visible area, the
 * citywide entries; all without a tile server (the default one is not reachable from the tests).
 */
class OverviewMapTest extends BrowserPageTest {

    @SuppressWarnings("unchecked")
    List<String> clusterCounts() {
        return (List<String>) script("return [...document.querySelectorAll('#map .cluster')].map(c => c.textContent)");
    }

    int singleMarkers() {
        return ((Number) script("return document.querySelectorAll('#map path.leaflet-interactive').length")).intValue();
    }

    int zoom() {
        return Integer.parseInt(browser.findElement(By.id("map")).getDomAttribute("data-zoom"));
    }

    @Test
    void theMarkersAreClusteredAndAClusterOpensIntoItsMarkers() {
        JsonNode running = api(LISTS.get("running"));
        long located = 0;
        for (JsonNode item : running) {
            located += item.get("point").isNull() ? 0 : 1;
        }
        open("/projekte/");
        awaitMarkers();
        assertThat(browser.findElement(By.id("map")).getDomAttribute("data-markers")).isEqualTo(String.valueOf(located));
        List<String> clusters = clusterCounts();
        assertThat(clusters).as("%d markers at the city's zoom are clustered", located).isNotEmpty();
        assertThat(clusters.size() + singleMarkers()).isLessThan((int) located);

        // a click on the smallest cluster zooms in to it: its markers show on their own (else click again)
        int zoomBefore = zoom();
        int opened = 0;
        for (int click = 0; click < 6 && opened == 0; click++) {
            WebElement smallest = new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.findElements(By.cssSelector("#map .cluster")).stream()
                    .filter(WebElement::isDisplayed)
                    .min((x, y) -> Integer.parseInt(x.getText()) - Integer.parseInt(y.getText())).orElse(null));
            int count = Integer.parseInt(smallest.getText());
            int zoomed = zoom();
            smallest.click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> zoom() > zoomed);
            sleepForAnimation();
            opened = singleMarkers() >= count ? count : 0;
        }
        assertThat(zoom()).isGreaterThan(zoomBefore);
        assertThat(opened).as("a cluster's markers shown on their own after clicks on it").isGreaterThanOrEqualTo(2);
    }

    /** Leaflet.markercluster animates a zoom for a quarter second; the markers are placed after it. */
    static void sleepForAnimation() {
        try {
            Thread.sleep(600);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theListFollowsTheMapAfterAZoomAndAPan() {
        JsonNode running = api(LISTS.get("running"));
        open("/projekte/");
        awaitMarkers();
        browser.findElement(By.id("area")).click();
        // the page applies a filter in a task of its own (setTimeout, as it debounces typing): not yet when click() returns
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("?area=map"));
        awaitList(running);
        int all = tileTitles().size();

        browser.findElement(By.cssSelector("#map .leaflet-control-zoom-in")).click();
        awaitZoomSettled();
        awaitList(running);
        assertThat(tileTitles().size()).as("fewer projects in a closer view").isLessThan(all);
        assertThat(browser.findElement(By.id("summary")).getText()).endsWith("im Kartenausschnitt");

        // pan with the keyboard, as Leaflet offers it on the focused map
        String bounds = browser.findElement(By.id("map")).getDomAttribute("data-bounds");
        script("document.getElementById('map').focus()");
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_DOWN);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> !bounds.equals(b.findElement(By.id("map")).getDomAttribute("data-bounds")));
        awaitZoomSettled();
        awaitList(running);

        // switched off, the list has every project again
        browser.findElement(By.id("area")).click();
        awaitTiles(titles(running));
    }

    void awaitZoomSettled() {
        sleepForAnimation();
    }

    /** Waits until the list holds exactly the items in the map's visible area (data-bounds) and those without a location. */
    void awaitList(JsonNode items) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(b -> {
            String state = b.findElement(By.id("results")).getDomAttribute("data-state");
            return "ready".equals(state) && tileTitles().equals(inView(items, b.findElement(By.id("map")).getDomAttribute("data-bounds")));
        });
    }

    static List<String> inView(JsonNode items, String bounds) {
        String[] parts = bounds.split(",");
        double south = Double.parseDouble(parts[0]);
        double west = Double.parseDouble(parts[1]);
        double north = Double.parseDouble(parts[2]);
        double east = Double.parseDouble(parts[3]);
        List<String> titles = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode point = item.get("point");
            if (point.isNull()) {
                titles.add(item.get("title").asString());
                continue;
            }
            double lon = point.get("geometry").get("coordinates").get(0).asDouble();
            double lat = point.get("geometry").get("coordinates").get(1).asDouble();
            if (lat >= south && lat <= north && lon >= west && lon <= east) {
                titles.add(item.get("title").asString());
            }
        }
        return titles;
    }

    @Test
    void projectsWithoutALocationAreListedAsCitywide() {
        JsonNode running = api(LISTS.get("running"));
        List<String> citywide = new ArrayList<>();
        running.forEach(item -> {
            if (item.get("point").isNull()) {
                citywide.add(item.get("title").asString());
            }
        });
        assertThat(citywide).as("the fake data has projects without a location").isNotEmpty();
        open("/projekte/");
        assertThat(browser.findElement(By.id("citywide-count")).getText()).isEqualTo("(" + citywide.size() + ")");
        browser.findElement(By.cssSelector("#citywide summary")).click();
        @SuppressWarnings("unchecked")
        List<String> listed = (List<String>) script("return [...document.querySelectorAll('#citywide-list a')].map(a => a.textContent)");
        assertThat(listed).containsExactlyElementsOf(citywide);
        WebElement tile = browser.findElement(By.xpath("//li[.//h2/a[text()='" + citywide.get(0) + "']]"));
        assertThat(tile.findElement(By.cssSelector(".meta")).getText()).endsWith("· Gesamtstädtisch");

        browser.findElement(By.id("language")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "en".equals(b.findElement(By.tagName("html")).getDomAttribute("lang")));
        awaitRendered();
        assertThat(browser.findElement(By.cssSelector("#citywide summary")).getText()).startsWith("Citywide");
    }
}

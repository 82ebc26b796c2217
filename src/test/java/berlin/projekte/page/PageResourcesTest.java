package berlin.projekte.page;

import static org.assertj.core.api.Assertions.assertThat;

import berlin.projekte.cache.ListCache;
import berlin.projekte.devtools.FakePopulation;
import berlin.projekte.testsupport.Fixtures;
import berlin.projekte.testsupport.Http;
import berlin.projekte.testsupport.PostgresTest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** What the overview page asks the server for besides the lists: the tabs' counts, the config, the demo images. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageResourcesTest extends PostgresTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired FakePopulation fakes;
    @Autowired ListCache cache;

    @BeforeAll
    void fakeData() {
        new Fixtures(jdbc).deleteAll();
        fakes.ensure(40, 20, 6, 1);
        cache.clear();
    }

    @Test
    void theCountsAreTheListsSizes() {
        Http.Response counts = http.get("/projekte/counts.json");
        assertThat(counts.status()).isEqualTo(200);
        assertThat(counts.header("Cache-Control")).isEqualTo("no-cache");
        assertCountsAreSizes(counts.json());
        assertThat(http.get("/projekte/counts.json", "If-None-Match", counts.header("ETag")).status()).isEqualTo(304);

        // ten more projects: the counts follow their lists
        fakes.ensure(50, 20, 6, 1);
        JsonNode after = http.get("/projekte/counts.json").json();
        assertCountsAreSizes(after);
        assertThat(after).isNotEqualTo(counts.json());
    }

    private void assertCountsAreSizes(JsonNode counts) {
        for (Map.Entry<String, String> tab : BrowserPageTest.LISTS.entrySet()) {
            int size = http.get(tab.getValue()).json().size();
            assertThat(counts.get(tab.getKey()).asInt()).as(tab.getKey()).isEqualTo(size).isPositive();
        }
    }

    @Test
    void theConfigNamesEveryDistrict() {
        JsonNode config = http.get("/projekte/config.json").json();
        assertThat(config.get("districts").size()).isEqualTo(12);
        assertThat(config.get("districts").get(0).asString()).isEqualTo("Charlottenburg-Wilmersdorf");
        assertThat(config.get("topics").size()).isPositive();
    }

    @Test
    void demoDataShowsTheApplicationsOwnImages() {
        Set<String> images = new HashSet<>();
        for (String list : BrowserPageTest.LISTS.values()) {
            for (JsonNode item : http.get(list).json()) {
                String image = item.get("tile_image").asString();
                if (!image.isEmpty()) {
                    assertThat(image).matches("/projekte/demo-images/\\d+\\.svg");
                    assertThat(item.get("tile_image_alt_text").asString()).startsWith("Grafik: ");
                    assertThat(item.get("tile_image_copyright").asString()).isEqualTo("© " + DemoImages.COPYRIGHT);
                    images.add(image);
                }
            }
        }
        assertThat(images).hasSizeGreaterThan(5);
        for (String image : images) {
            Http.Response response = http.get(image);
            assertThat(response.status()).as(image).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("image/svg+xml");
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("<svg ").contains("<title>").endsWith("</svg>");
        }
    }

    @Test
    void aDemoImageIsCacheableAndSmall() {
        Http.Response image = http.get(DemoImages.url(7));
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Cache-Control")).isEqualTo("max-age=604800, public");
        assertThat(image.body().length).isLessThan(1500);
        assertThat(http.get(DemoImages.url(7), "If-None-Match", image.header("ETag")).status()).isEqualTo(304);
        assertThat(DemoImages.url(7 + DemoImages.VARIANTS)).isEqualTo(DemoImages.url(7));
    }

    @Test
    void anUnknownDemoImageIsAJson404() {
        for (String path : new String[] {"/projekte/demo-images/24.svg", "/projekte/demo-images/x.svg", "/projekte/demo-images/007.svg"}) {
            Http.Response response = http.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.json().get("detail").asString()).as(path).isEqualTo("Not found.");
        }
    }
}

package berlin.projekte.page;

import berlin.projekte.cache.ListCache;
import berlin.projekte.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * The demo data's tile images, served by the application itself: small generated SVGs (a park, a
 * street, a square under the sky) in the page's colours, so the demo needs no image host. Each of
 * the {@link #VARIANTS} is made once; browsers keep them a week and revalidate with the ETag.
 * Real data keeps whatever image URL it has.
 */
@Hidden // the demo page's pictures, not part of the API
@RestController
public class DemoImages {

    public static final int VARIANTS = 24;
    public static final String COPYRIGHT = "projekte (Demo-Grafik)";

    private static final String PATH = "/projekte/demo-images/";
    // sky, ground, accent: the page's blues, greens and ambers, dark enough for the white copyright caption
    private static final String[][] PALETTES = {
        {"#0b4f8a", "#1d6b2f", "#f2c14e"}, {"#2a7bc0", "#3f7d3a", "#ffe08a"}, {"#5a3a00", "#8a6d1f", "#fff1cc"},
        {"#1b1b1b", "#0b4f8a", "#c9d9ec"}, {"#1d6b2f", "#0f3d1b", "#d9a400"}, {"#6b2f5a", "#0b4f8a", "#f2f4f7"}
    };
    // what the four scenes show, for the alt text
    private static final String[] SCENES = {"ein Park mit Bäumen", "eine Straße mit Häusern", "ein Platz mit Brunnen", "ein Fluss mit Brücke"};
    private static final byte[][] SVGS = new byte[VARIANTS][];
    private static final String[] ETAGS = new String[VARIANTS];

    static {
        for (int variant = 0; variant < VARIANTS; variant++) {
            SVGS[variant] = svg(variant).getBytes(StandardCharsets.UTF_8);
            ETAGS[variant] = ListCache.etag(SVGS[variant]);
        }
    }

    /** The site path of a demo image; {@code n} is reduced to one of the variants. */
    public static String url(int n) {
        return PATH + Math.floorMod(n, VARIANTS) + ".svg";
    }

    /** What demo image n shows, as its alt text. */
    public static String altText(int n) {
        return "Grafik: " + SCENES[scene(Math.floorMod(n, VARIANTS))];
    }

    private static int scene(int variant) {
        return variant / PALETTES.length % SCENES.length;
    }

    @GetMapping(PATH + "{variant}.svg")
    ResponseEntity<byte[]> image(@PathVariable String variant, WebRequest request) {
        int n = variant.matches("\\d{1,2}") ? Integer.parseInt(variant) : -1;
        if (n < 0 || n >= VARIANTS) {
            throw ApiException.notFound();
        }
        if (request.checkNotModified(ETAGS[n])) {
            return null;
        }
        return ResponseEntity.ok().eTag(ETAGS[n]).cacheControl(CacheControl.maxAge(Duration.ofDays(7)).cachePublic())
                .header("Content-Type", "image/svg+xml").body(SVGS[n]);
    }

    /** Variant n: palette n % 6 and one of four scenes, 320×180 like the tiles' image box. */
    static String svg(int n) {
        String[] p = PALETTES[n % PALETTES.length];
        String sky = p[0];
        String ground = p[1];
        String accent = p[2];
        int scene = scene(n);
        StringBuilder s = new StringBuilder(600);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 180\" width=\"320\" height=\"180\">")
                .append("<title>Demo-Grafik ").append(n).append(", © ").append(COPYRIGHT).append("</title>")
                .append(rect(0, 0, 320, 180, sky))
                .append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"22\" fill=\"%s\"/>", 250 - 30 * scene, 48 + 6 * scene, accent));
        switch (scene) {
            case 0 -> // a park: hills and trees
                s.append("<path d=\"M0 130 Q80 95 160 125 T320 115 V180 H0Z\" fill=\"").append(ground).append("\"/>")
                        .append(tree(70, 120, accent)).append(tree(120, 128, accent)).append(tree(220, 118, accent));
            case 1 -> // a street of houses
                s.append(rect(0, 140, 320, 40, ground)).append(rect(30, 85, 60, 55, accent)).append(rect(105, 65, 50, 75, "#f2f4f7"))
                        .append(rect(170, 95, 70, 45, accent)).append(rect(255, 75, 45, 65, "#f2f4f7"));
            case 2 -> // a square with a fountain
                s.append(rect(0, 120, 320, 60, ground)).append("<ellipse cx=\"160\" cy=\"140\" rx=\"70\" ry=\"14\" fill=\"").append(accent)
                        .append("\"/>").append(rect(155, 100, 10, 40, "#f2f4f7"));
            default -> // a river with a bridge
                s.append(rect(0, 110, 320, 70, ground)).append("<path d=\"M0 150 Q160 130 320 150 V180 H0Z\" fill=\"#c9d9ec\"/>")
                        .append("<path d=\"M60 140 Q160 95 260 140\" fill=\"none\" stroke=\"").append(accent).append("\" stroke-width=\"8\"/>");
        }
        return s.append("</svg>").toString();
    }

    private static String rect(int x, int y, int width, int height, String fill) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>", x, y, width, height, fill);
    }

    private static String tree(int x, int y, String crown) {
        return rect(x - 3, y - 10, 6, 22, "#5a3a00") + String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"16\" fill=\"%s\"/>", x, y - 20, crown);
    }
}

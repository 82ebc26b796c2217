package berlin.projekte.places;

/** A tile and a header image with alt texts and copyrights; empty strings when absent. */
public record Images(String tile, String tileAltText, String tileCopyright,
                     String header, String headerAltText, String headerCopyright) {

    public static final Images NONE = new Images("", "", "", "", "", "");

    /** Null fields (or null images) as empty strings. */
    public static Images orEmpty(Images images) {
        return images == null ? NONE : new Images(nz(images.tile), nz(images.tileAltText), nz(images.tileCopyright), nz(images.header),
                nz(images.headerAltText), nz(images.headerCopyright));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The image a list shows: the tile image, else the header image, else none. */
    public Image listImage() {
        if (!tile.isEmpty()) {
            return new Image(tile, tileAltText, tileCopyright);
        }
        if (!header.isEmpty()) {
            return new Image(header, headerAltText, headerCopyright);
        }
        return Image.NONE;
    }

    public record Image(String url, String altText, String copyright) {
        public static final Image NONE = new Image("", "", "");
    }
}

package io.cairn.placement;

/**
 * The shard counts of the erasure scheme: {@code k} data shards and {@code m} parity shards. Placement only
 * needs the width (k+m); the stripe size belongs to the erasure layer.
 */
public record Scheme(int k, int m) {
    /** One byte indexes a shard in the Reed-Solomon field, so no scheme is wider than this. */
    static final int MAX_WIDTH = 256;

    public Scheme {
        if (k < 1 || m < 0 || k + m > MAX_WIDTH) {
            throw new InvalidClusterMapException("scheme " + k + "+" + m + " needs k >= 1, m >= 0, k+m <= " + MAX_WIDTH);
        }
    }

    /** Parses the {@code k+m} form used on command lines, e.g. {@code 8+4}. */
    public static Scheme parse(String text) {
        int plus = text.indexOf('+');
        if (plus < 1 || plus == text.length() - 1) {
            throw new InvalidClusterMapException("scheme '" + text + "' is not of the form k+m");
        }
        try {
            return new Scheme(Integer.parseInt(text.substring(0, plus)), Integer.parseInt(text.substring(plus + 1)));
        } catch (NumberFormatException e) {
            throw new InvalidClusterMapException("scheme '" + text + "' is not of the form k+m");
        }
    }

    /** The number of shards, hence of drives, in every placement. */
    public int width() {
        return k + m;
    }

    @Override
    public String toString() {
        return k + "+" + m;
    }
}

package io.cairn.storage;

import java.util.List;

/** One page of a sorted key listing; {@code truncated} when more keys follow the last one. */
public record ListPage(List<String> keys, boolean truncated) {
    public ListPage {
        keys = List.copyOf(keys);
    }
}

package org.tsunagi.schemas.codec;

/**
 * Resource limits applied to every document before anything else is done with it.
 *
 * @param maxBytes    the largest accepted document in bytes (default 10 MiB)
 * @param maxDepth    the deepest accepted element nesting, the root element being depth 1 (default 32; the deepest
 *                    field path of the schema has 6 levels)
 * @param maxElements the most elements accepted in one document (default 200 000)
 */
public record CodecLimits(int maxBytes, int maxDepth, int maxElements) {

    public static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 32;
    public static final int DEFAULT_MAX_ELEMENTS = 200_000;

    public CodecLimits {
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBytes must be between 1 and " + (Integer.MAX_VALUE - 16));
        }
        if (maxDepth < 8) {
            throw new IllegalArgumentException("maxDepth must be at least 8 (the schema nests 6 levels)");
        }
        if (maxElements < 16) {
            throw new IllegalArgumentException("maxElements must be at least 16");
        }
    }

    /** 10 MiB, depth 32, 200 000 elements. */
    public static CodecLimits defaults() {
        return new CodecLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS);
    }

    public CodecLimits withMaxBytes(int bytes) {
        return new CodecLimits(bytes, maxDepth, maxElements);
    }

    public CodecLimits withMaxDepth(int depth) {
        return new CodecLimits(maxBytes, depth, maxElements);
    }

    public CodecLimits withMaxElements(int elements) {
        return new CodecLimits(maxBytes, maxDepth, elements);
    }
}

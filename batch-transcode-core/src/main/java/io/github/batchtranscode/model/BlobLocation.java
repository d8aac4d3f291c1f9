package io.github.batchtranscode.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A place in Blob Storage: a container and an optional prefix ("virtual folder"). As a request's source, the
 * request's include/exclude globs apply to blob names below the prefix; as its destination, outputs are named
 * below the prefix by the same relative-path rules as local outputs. Immutable and thread-safe.
 *
 * <pre>{@code
 * BlobLocation raw = BlobLocation.of("media", "raw/2024");          // blobs media/raw/2024/**
 * BlobLocation mp3 = BlobLocation.parse("https://myacct.blob.core.windows.net/media/mp3");
 * BlobLocation dev = BlobLocation.parse("http://127.0.0.1:10000/devstoreaccount1/media/raw"); // Azurite
 * }</pre>
 *
 * <p>A location parsed from a URL remembers the account it named, so a run fails before any work when the storage
 * settings point at another account. Credentials never come from a URL: one carrying a query (a SAS) is refused.
 */
public final class BlobLocation {
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");
    private static final Pattern ACCOUNT_HOST = Pattern.compile("([a-z0-9]{3,24})\\.blob\\.[a-z0-9.-]+",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_BLOB_NAME = 1024;

    private final String container;
    private final String prefix;
    private final String account;
    private final URI accountUrl;

    private BlobLocation(String container, String prefix, String account, URI accountUrl) {
        this.container = container;
        this.prefix = prefix;
        this.account = account;
        this.accountUrl = accountUrl;
    }

    /** The whole container. */
    public static BlobLocation of(String container) {
        return of(container, "");
    }

    /**
     * Blobs below {@code prefix} in {@code container}; the prefix is a folder path ({@code "raw/2024"} and
     * {@code "raw/2024/"} are the same) and may be empty.
     *
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when the container name breaks Azure's rules or the prefix has an empty,
     *                                  {@code .} or {@code ..} segment
     */
    public static BlobLocation of(String container, String prefix) {
        return new BlobLocation(checkContainer(container), checkPrefix(prefix), null, null);
    }

    /**
     * Parses a container URL with an optional prefix path, as azcopy takes them: account host style
     * {@code https://<account>.blob.core.windows.net/<container>/<prefix>} or path style (Azurite, an IP address
     * or {@code localhost}) {@code http://127.0.0.1:<port>/<account>/<container>/<prefix>}.
     *
     * @throws IllegalArgumentException when the URL is malformed, names no container, or carries a query (a SAS:
     *                                  credentials come from the storage settings, never from the URL)
     */
    public static BlobLocation parse(String url) {
        Objects.requireNonNull(url, "url == null");
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + withoutQuery(url) + "' is not a valid blob URL: " + e.getReason());
        }
        if (uri.getRawQuery() != null) {
            String what = uri.getRawQuery().contains("sig=") ? "a SAS token" : "a query";
            throw new IllegalArgumentException("the blob URL " + withoutQuery(url) + " carries " + what + ": give the"
                    + " URL without '?...' and put the credentials in the storage settings (connection string,"
                    + " account key or Entra ID); a SAS in a URL would end up in shell history and logs");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not a blob URL: expected https://<account>.blob.core"
                    + ".windows.net/<container>/<prefix> or http://127.0.0.1:<port>/<account>/<container>/<prefix>");
        }
        String host = uri.getHost();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String[] parts = path.replaceFirst("^/+", "").split("/", -1);
        var accountHost = ACCOUNT_HOST.matcher(host);
        String account;
        int next;
        String base = scheme + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        if (accountHost.matches() && !pathStyleHost(host)) {
            account = accountHost.group(1).toLowerCase(Locale.ROOT);
            next = 0;
        } else {
            if (parts.length < 1 || parts[0].isEmpty()) {
                throw new IllegalArgumentException("the path-style blob URL " + url + " names no account: expected "
                        + base + "/<account>/<container>/<prefix>");
            }
            account = parts[0];
            base = base + "/" + account;
            next = 1;
        }
        if (parts.length <= next || parts[next].isEmpty()) {
            throw new IllegalArgumentException("the blob URL " + url + " names no container: expected " + base
                    + "/<container>/<prefix>");
        }
        String container = parts[next];
        String prefix = String.join("/", java.util.Arrays.copyOfRange(parts, next + 1, parts.length));
        try {
            return new BlobLocation(checkContainer(container), checkPrefix(prefix), account, URI.create(base));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (in " + url + ")", e);
        }
    }

    /** Whether a string looks like a blob URL rather than a local path. */
    public static boolean isUrl(String s) {
        String lower = s.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    private static boolean pathStyleHost(String host) {
        return host.equalsIgnoreCase("localhost") || host.matches("[0-9.]+") || host.startsWith("[");
    }

    /** The container's name. */
    public String container() {
        return container;
    }

    /** The prefix, empty or ending in {@code /}. */
    public String prefix() {
        return prefix;
    }

    /** The storage account the URL named, or {@code null} when built with {@link #of(String, String)}. */
    public String account() {
        return account;
    }

    /** The account's URL as the location's URL gave it, or {@code null} when built with {@link #of(String, String)}. */
    public URI accountUrl() {
        return accountUrl;
    }

    /** The blob name of {@code relative} below the prefix. */
    public String blobName(String relative) {
        return prefix + relative;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobLocation l && l.container.equals(container) && l.prefix.equals(prefix)
                && Objects.equals(l.account, account) && Objects.equals(l.accountUrl, accountUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(container, prefix, account, accountUrl);
    }

    /** {@code <accountUrl>/<container>/<prefix>}, or {@code <container>/<prefix>}; never a credential. */
    @Override
    public String toString() {
        return (accountUrl != null ? accountUrl + "/" : "") + container + "/" + prefix;
    }

    private static String checkContainer(String container) {
        Objects.requireNonNull(container, "container == null");
        if (!CONTAINER.matcher(container).matches()) {
            throw new IllegalArgumentException("'" + container + "' is not a valid container name: 3-63 lowercase"
                    + " letters, digits and single hyphens, starting and ending with a letter or digit");
        }
        return container;
    }

    private static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix == null");
        String p = prefix.replaceFirst("^/+", "").replaceFirst("/+$", "");
        if (p.isEmpty()) {
            return "";
        }
        for (String segment : p.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("prefix '" + prefix + "' has an empty, '.' or '..' segment: give a"
                        + " folder path like raw/2024");
            }
        }
        if (p.length() >= MAX_BLOB_NAME) {
            throw new IllegalArgumentException("prefix '" + prefix + "' is longer than a blob name may be");
        }
        return p + "/";
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}

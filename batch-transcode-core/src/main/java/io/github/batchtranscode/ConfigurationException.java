package io.github.batchtranscode;

/**
 * A setting or argument is missing, malformed or inconsistent; the message names it and says how to fix it.
 *
 * <pre>{@code
 * try (TranscodeSession session = TranscodeSession.builder().ffmpeg(Path.of("/opt/ffmpeg/bin")).build()) {
 *     session.transcode(request);
 * } catch (ConfigurationException e) {
 *     System.err.println(e.getMessage());          // names the setting and how to fix it
 * }
 * }</pre>
 */
public class ConfigurationException extends TranscodeException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}

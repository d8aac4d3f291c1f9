package io.github.batchtranscode.internal.azure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Every blob name the Azure backend uses, in one place, chosen so that runs sharing a storage account and its
 * containers never see each other's data.
 *
 * <ul>
 *   <li>Inputs are <b>content-addressed</b>: {@code inputs/<md5 of the file>/<relative path>} in the input
 *       container. Two runs whose files have the same relative names but different content stage to different
 *       blobs; a rerun of unchanged files finds its blobs and uploads 0 bytes, whichever job staged them.</li>
 *   <li>Each job that uses an input leaves a reference {@code _batch-transcode-refs/<md5>/<job id>}; cleanup
 *       deletes an input only when no other live job references it (see {@link StagedInputs}).</li>
 *   <li>Outputs are keyed by what made them: {@code outputs/<key>/<relative output>} in the output container,
 *       where the key is a SHA-256 of the input's MD5 and the job's ffmpeg arguments. Different inputs or
 *       settings never write the same blob; the same input and settings produce the same bytes, so
 *       {@code SKIP_EXISTING} can skip them on any later run.</li>
 *   <li>Media already in Blob Storage (a request with input blobs) is not staged: tasks read each source blob
 *       where it is. Its content is identified by {@link #sourceVersion} (Content-MD5, else ETag), which takes
 *       the place of the MD5 in output keys.</li>
 *   <li>A request with output blobs gets its outputs at {@link #destinationBlob}: below the destination prefix
 *       by the relative-path rules of local outputs, in the destination container; nothing else is written
 *       there. Task logs and the plan record stay in the output container.</li>
 *   <li>Per job: the node script and arguments under {@code _batch-transcode/<job>/} (input container), task
 *       logs under {@code _batch-transcode-logs/<job>/<task>/} and the plan record at
 *       {@code _batch-transcode-logs/<job>/plan.json} (output container).</li>
 * </ul>
 *
 * @param jobId           the Batch job id
 * @param inputContainer  where inputs are staged
 * @param outputContainer where tasks upload outputs and logs
 */
record JobLayout(String jobId, String inputContainer, String outputContainer) {
    /** Where inputs are staged, under their content's MD5. */
    static final String INPUTS = "inputs/";
    /** Where outputs are written, under their key. */
    static final String OUTPUTS = "outputs/";
    /** Where jobs reference the inputs they use. */
    static final String REFS = "_batch-transcode-refs/";

    /** The staged blob of an input with this content ({@code md5} in lowercase hex) and relative path. */
    static String inputBlob(String md5, String relativePath) {
        return INPUTS + md5 + "/" + relativePath;
    }

    /** This job's reference to the staged input with this MD5. */
    String referenceBlob(String md5) {
        return referencePrefix(md5) + jobId;
    }

    /** The prefix under which every job's reference to the staged input with this MD5 lives. */
    static String referencePrefix(String md5) {
        return REFS + md5 + "/";
    }

    /** The output blob of an input with this MD5 transcoded with these ffmpeg arguments to {@code relativeOutput}. */
    static String outputBlob(String inputMd5, String arguments, String relativeOutput) {
        return OUTPUTS + outputKey(inputMd5, arguments) + "/" + relativeOutput;
    }

    /** 32 hex digits of SHA-256 over the input's MD5 and the arguments: what the output is made of. */
    static String outputKey(String inputMd5, String arguments) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((inputMd5 + "\n" + arguments).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What stands for a source blob's MD5 in its output key: the listing's {@code md5:<hex>} or {@code etag:<etag>}. */
    static String sourceVersion(String listedVersion) {
        return listedVersion;
    }

    /** Where an output goes in a destination location: {@code <prefix><relative output>}. */
    static String destinationBlob(io.github.batchtranscode.model.BlobLocation destination, String relativeOutput) {
        return destination.blobName(relativeOutput);
    }

    String scriptBlob() {
        return jobPrefix() + NodeScript.SCRIPT_FILE;
    }

    String argsBlob() {
        return jobPrefix() + NodeScript.ARGS_FILE;
    }

    /** The prefix of this job's own files in the input container (script and arguments). */
    String jobPrefix() {
        return "_batch-transcode/" + jobId + "/";
    }

    String logPrefix(String taskId) {
        return "_batch-transcode-logs/" + jobId + "/" + taskId;
    }

    String stdoutBlob(String taskId) {
        return logPrefix(taskId) + "/stdout.txt";
    }

    String stderrBlob(String taskId) {
        return logPrefix(taskId) + "/stderr.txt";
    }

    /** The job's plan record in the output container. */
    String planBlob() {
        return "_batch-transcode-logs/" + jobId + "/plan.json";
    }
}

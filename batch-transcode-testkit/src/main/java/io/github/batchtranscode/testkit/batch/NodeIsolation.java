package io.github.batchtranscode.testkit.batch;

/**
 * How the emulator's nodes run their start tasks and tasks.
 *
 * <pre>{@code
 * BatchEmulator.builder().nodeIsolation(NodeIsolation.SANDBOX)   // the default
 * }</pre>
 * <p>{@link #SANDBOX} (default) runs every node process in its own Linux user and mount namespace
 * ({@code unshare} from util-linux, on every Debian/Ubuntu; no daemon, no extra package): the host's file systems
 * are read-only, the node's directory is writable, {@code /tmp} and {@code /var/tmp} are the node's own,
 * {@code HOME} is in the node's directory, and {@code apt-get}/{@code apt}/{@code dpkg}/{@code sudo} resolve to a
 * provisioning shim that records the requested packages ({@link BatchEmulator#packageRequests()}) and satisfies
 * them from the emulator's tool directory (where ffmpeg was found) or the host's installed packages. Nothing is
 * ever installed and two nodes never contend for a dpkg lock. Admin tasks ({@code elevationLevel: admin}) run as
 * uid 0 <em>inside the namespace</em>, others as uid 1000; on the host both are the emulator's own user, so the
 * identity is what {@code id -u} reports, not a permission boundary on the host: the read-only host is. The
 * network and process table are shared with the host. When namespaces are not available (a kernel or container
 * that forbids unprivileged user namespaces), admin processes, and all processes when the emulator runs as root,
 * fail with a {@code NodeIsolationUnavailable} failure naming what to do instead of touching the host.
 * <p>{@link #HOST} runs node processes directly on the host under the emulator's user with the host's PATH: what
 * a start task installs or writes lands on the machine. Only for a throw-away machine, and only when asked for
 * by name.
 */
public enum NodeIsolation {
    /** Each node process in a private user and mount namespace with the host read-only (the default). */
    SANDBOX,
    /** Node processes run on the host as the emulator's user; they can change the machine. */
    HOST
}

package io.github.batchtranscode.testkit.azurite;

import java.nio.file.Path;
import java.time.Duration;

/** Run in a separate JVM by {@link AzuriteInstallRaceIT}: installs into the given cache, says whether it did. */
final class InstallRaceMain {
    private InstallRaceMain() {
    }

    public static void main(String[] args) {
        NodeTools node = new NodeProbe(System.getenv()).find().orElseThrow();
        AzuriteInstaller.Installation result = new AzuriteInstaller(Path.of(args[0]), AzuriteVersion.pinned(),
                Duration.ofMinutes(5)).install(node);
        System.out.println("installedNow=" + result.installedNow() + " main=" + result.blobMain());
    }
}

package io.github.batchtranscode.testkit.azurite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends a process and all its descendants: politely first, forcibly after a grace period. */
final class ProcessTree {
    private ProcessTree() {
    }

    /**
     * Asks the process and its descendants to end, waits up to {@code grace}, then kills what is left and waits
     * up to {@code grace} again.
     *
     * @return whether every process of the tree has ended
     */
    static boolean stop(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        if (awaitAll(tree, grace)) {
            return true;
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return awaitAll(tree, grace);
    }

    private static boolean awaitAll(List<ProcessHandle> tree, Duration timeout) {
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return tree.stream().noneMatch(ProcessHandle::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return tree.stream().noneMatch(ProcessHandle::isAlive);
        }
    }
}

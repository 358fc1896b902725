package dev.zirconffm;

import dev.zirconffm.internal.MappingRegistry;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fails a test class that ends with more (or fewer) open handles, or live mappings, than it began
 * with. Automatic arenas unmap when collected, so the check gives the GC a bounded chance first.
 */
final class NoLeaks implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeaks.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("handles", HandleCounts.now());
        context.getStore(NS).put("mappings", MappingRegistry.global().size());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        HandleCounts before = context.getStore(NS).get("handles", HandleCounts.class);
        int mappingsBefore = context.getStore(NS).get("mappings", Integer.class);
        HandleCounts after = HandleCounts.now();
        int mappings = MappingRegistry.global().size();
        for (int i = 0; i < 50 && (!after.equals(before) || mappings != mappingsBefore); i++) {
            System.gc();
            Thread.sleep(20);
            after = HandleCounts.now();
            mappings = MappingRegistry.global().size();
        }
        if (!after.equals(before) || mappings != mappingsBefore) {
            fail(context.getDisplayName() + " leaked: handles " + (after.equals(before) ? "none" : after.diff(before))
                    + "; live mappings " + mappingsBefore + " -> " + mappings + " " + MappingRegistry.global().snapshot());
        }
    }
}

package dev.zirconffm.reliability;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;

/**
 * Keeps JUnit's order of the test classes but moves {@link SuiteLeakCheckTest} to the end, so
 * that it sees what the whole suite left behind. Named in
 * {@code src/test/resources/junit-platform.properties}.
 */
public final class LeakCheckLast implements ClassOrderer {

    /** Creates the orderer (JUnit does). */
    public LeakCheckLast() {
    }

    @Override
    public void orderClasses(ClassOrdererContext context) {
        // List.sort is stable: every other class keeps its place.
        context.getClassDescriptors().sort(Comparator.comparingInt(
                (ClassDescriptor d) -> d.getTestClass() == SuiteLeakCheckTest.class ? 1 : 0));
    }
}

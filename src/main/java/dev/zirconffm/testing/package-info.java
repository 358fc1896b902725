/**
 * Test support for code that uses zircon-ffm: {@link dev.zirconffm.testing.ZirconExtension}, a
 * JUnit 5 extension that gives each test a fresh VMAR and fails the test if it leaks handles or
 * mappings. It needs JUnit Jupiter's API, an optional dependency that tests bring themselves.
 */
package dev.zirconffm.testing;

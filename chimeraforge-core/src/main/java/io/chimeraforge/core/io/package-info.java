/**
 * Reading user files safely: whole-file reads with a byte limit, so an oversized or endless input
 * ends with an error naming the limit instead of exhausting the heap.
 */
package io.chimeraforge.core.io;

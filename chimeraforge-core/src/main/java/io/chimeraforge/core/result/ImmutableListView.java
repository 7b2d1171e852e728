package io.chimeraforge.core.result;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A read-only list whose elements are built when read (e.g. {@code individual_runs} rebuilt from
 * compact rows). Result records keep such a list as it is instead of copying it, which would
 * materialise every element at once.
 *
 * @param <E> element type
 */
public abstract class ImmutableListView<E> extends AbstractList<E> implements RandomAccess {
}

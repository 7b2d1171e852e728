package io.chimeraforge.bench.internal.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into addresses; the default is the system resolver ({@link InetAddress#getAllByName}). */
@FunctionalInterface
public interface HostResolver {

    /** The system resolver. */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /**
     * The addresses of {@code host} (never an IP literal: those are not looked up). May block; the
     * transport waits for it at most the connect timeout, and stops waiting on abort.
     *
     * @throws UnknownHostException when the name does not resolve
     */
    InetAddress[] resolve(String host) throws UnknownHostException;
}

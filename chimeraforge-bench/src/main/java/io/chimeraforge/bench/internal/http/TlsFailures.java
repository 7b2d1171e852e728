package io.chimeraforge.bench.internal.http;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Turns a failed TLS handshake into a message that names the cause and what fixes it. */
final class TlsFailures {

    private TlsFailures() {
    }

    /** The failure of a handshake with {@code endpoint} that threw {@code e}. */
    static ExchangeException classify(Endpoint endpoint, SSLException e) {
        return new ExchangeException(ExchangeException.Failure.TLS, message(endpoint, e), e);
    }

    static String message(Endpoint endpoint, SSLException e) {
        String text = chainText(e);
        String prefix = "TLS handshake with " + endpoint + " failed: ";
        if (!(e instanceof SSLHandshakeException) && (text.contains("unrecognized ssl message")
                || text.contains("plaintext connection") || text.contains("unsupported or unrecognized"))) {
            return "server at " + endpoint + " does not speak TLS (use http:// for this port)";
        }
        if (text.contains("no subject alternative") || text.contains("does not match")
                || text.contains("no name matching")) {
            return prefix + "the certificate is not issued for " + endpoint.host()
                    + " (connect by a name the certificate lists)";
        }
        if (has(e, CertPathValidatorException.class) || text.contains("pkix path")
                || text.contains("unable to find valid certification path")) {
            return prefix + "the server's certificate is not trusted (trust the CA certificate that signed it)";
        }
        if (has(e, CertificateException.class)) {
            return prefix + "the server's certificate was rejected: " + HttpTransport.describe(e);
        }
        if (text.contains("remote host terminated") || text.contains("connection reset")
                || text.contains("end of stream") || text.contains("eof")) {
            return prefix + "the server closed the connection during the handshake (does it speak TLS on this port?)";
        }
        return prefix + HttpTransport.describe(e);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String chainText(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}

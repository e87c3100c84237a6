package com.multistore.elt.extractor.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that may not stall: the JDK client's request timeout ends when the headers arrive, so a server
 * that stops sending mid-body would block the reader for ever. When no byte arrives for {@code idle}, a watchdog closes
 * the body and the reader gets an {@link HttpTimeoutException} (never a silent end of a truncated body).
 */
final class IdleTimeoutInputStream extends FilterInputStream {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "http-body-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final long idleNanos;
    private final String what;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean timedOut;
    private volatile boolean closed;

    IdleTimeoutInputStream(InputStream body, Duration idle, String what) {
        super(body);
        this.idleNanos = idle.toNanos();
        this.what = what;
        long every = Math.max(50, idle.toMillis() / 4);
        this.check = WATCHDOG.scheduleWithFixedDelay(this::checkIdle, every, every, TimeUnit.MILLISECONDS);
    }

    private void checkIdle() {
        if (closed || System.nanoTime() - lastProgress <= idleNanos) {
            return;
        }
        timedOut = true;
        check.cancel(false);
        try {
            in.close();
        } catch (IOException ignored) {
            // the reader is told by the timeout, not by this close
        }
    }

    @Override
    public int read() throws IOException {
        try {
            int b = in.read();
            return progressed(b);
        } catch (IOException e) {
            throw timedOut ? timeout() : e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = in.read(buffer, offset, length);
            return progressed(n);
        } catch (IOException e) {
            throw timedOut ? timeout() : e;
        }
    }

    private int progressed(int result) throws HttpTimeoutException {
        if (timedOut) {
            throw timeout();
        }
        lastProgress = System.nanoTime();
        return result;
    }

    private HttpTimeoutException timeout() {
        Thread.interrupted(); // a close may have woken the reader through an interrupt; the timeout says what happened
        return new HttpTimeoutException(what + ": no byte of the response body for "
                + Duration.ofNanos(idleNanos) + " (pipeline.shopify.read-timeout)");
    }

    @Override
    public void close() throws IOException {
        closed = true;
        check.cancel(false);
        super.close();
    }
}

package io.imagefusion.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells whether a Docker engine answers, by asking the engine itself ({@code GET /_ping}): a docker CLI or a
 * socket file alone proves nothing (machines of this project have the client but no daemon).
 */
final class DockerEngine {

    private DockerEngine() {
    }

    static boolean isRunning() {
        for (SocketAddress address : candidates()) {
            if (ping(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<SocketAddress> candidates() {
        List<SocketAddress> addresses = new ArrayList<>();
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            URI uri = URI.create(dockerHost);
            if ("unix".equals(uri.getScheme())) {
                addUnix(addresses, Path.of(uri.getPath()));
            } else if ("tcp".equals(uri.getScheme())) {
                addresses.add(new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 2375));
            }
            return addresses;
        }
        addUnix(addresses, Path.of("/var/run/docker.sock"));
        addUnix(addresses, Path.of(System.getProperty("user.home"), ".docker/run/docker.sock"));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            addUnix(addresses, Path.of(runtimeDir, "docker.sock"));
        }
        return addresses;
    }

    private static void addUnix(List<SocketAddress> addresses, Path socket) {
        if (Files.exists(socket)) {
            addresses.add(UnixDomainSocketAddress.of(socket));
        }
    }

    private static boolean ping(SocketAddress address) {
        CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> {
            StandardProtocolFamily family = address instanceof UnixDomainSocketAddress
                    ? StandardProtocolFamily.UNIX
                    : null;
            try (SocketChannel channel = family == null ? SocketChannel.open() : SocketChannel.open(family)) {
                channel.connect(address);
                channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer buffer = ByteBuffer.allocate(512);
                channel.read(buffer);
                String head = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
                return head.startsWith("HTTP/1.") && head.contains(" 200 ");
            } catch (IOException e) {
                return false;
            }
        });
        try {
            return answer.get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            answer.cancel(true);
            return false;
        }
    }
}

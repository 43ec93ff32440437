package dev.agentmail.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** File work both directions share: owner-only copies, the inventory with checksums. */
final class BackupFiles {
    private BackupFiles() {
    }

    /** Backups hold keys: every directory is the owner's alone. */
    static Path ownerOnlyDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        Files.createDirectories(absolute);
        restrict(absolute, "rwx------");
        return absolute;
    }

    static void copyOwnerOnly(Path from, Path to) throws IOException {
        ownerOnlyDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        restrict(to, "rw-------");
    }

    /** What others wrote into the backup (Derby's copy) becomes the owner's alone too. */
    static void restrictTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                restrict(dir, "rwx------");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                restrict(file, "rw-------");
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static boolean isEmptyDirectory(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Every regular file under {@code root}, but the manifest, with its size and SHA-256, in a stable order. */
    static List<BackupManifest.FileEntry> inventory(Path root) throws IOException {
        List<BackupManifest.FileEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = root.relativize(file).toString();
                if (!name.equals(BackupManifest.NAME)) {
                    entries.add(new BackupManifest.FileEntry(name, Files.size(file), sha256(file)));
                }
            }
        }
        return entries;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void restrict(Path path, String permissions) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(PosixFilePermissions.fromString(permissions));
        }
    }
}

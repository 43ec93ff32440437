package dev.agentmail.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The data dir holds the database, the spool, keys and certificates: it is its owner's alone. Made 0700; one that
 * is looser (as earlier versions left it, 0755 with 0644 files) is tightened with what it holds, and said so once.
 * Files made later by libraries that take the umask (the spool's journal) are out of others' reach below it.
 */
final class DataDirectory {
    private static final Logger LOGGER = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDirectory() {
    }

    static void prepare(Path dir) throws IOException {
        if (!isPosix(dir)) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return;
        }
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(dir);
        boolean dirWasOpen = before.stream().anyMatch(OTHERS::contains);
        int within = ownerOnly(dir) - (dirWasOpen ? 1 : 0);
        if (dirWasOpen) {
            LOGGER.warn("The data dir {} was open to other users ({}): made it and {} files and directories in it "
                + "owner-only", dir, PosixFilePermissions.toString(before), within);
        } else if (within > 0) {
            LOGGER.warn("{} files and directories in the data dir {} were open to other users: made them owner-only",
                within, dir);
        }
    }

    /**
     * Takes every permission of group and others off {@code path} and all below it; symbolic links are left alone.
     *
     * @return how many were changed
     */
    static int ownerOnly(Path path) throws IOException {
        if (!isPosix(path)) {
            return 0;
        }
        int[] changed = {0};
        int[] failed = {0};
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                tighten(directory);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (!attributes.isSymbolicLink()) {
                    tighten(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                failed[0]++;
                return FileVisitResult.CONTINUE;
            }

            private void tighten(Path each) {
                try {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(each);
                    if (permissions.removeAll(OTHERS)) {
                        Files.setPosixFilePermissions(each, permissions);
                        changed[0]++;
                    }
                } catch (IOException | SecurityException e) {
                    failed[0]++;
                }
            }
        });
        if (failed[0] > 0) {
            LOGGER.warn("{} files or directories under {} could not be made owner-only (another user's?): other users "
                + "may read them", failed[0], path);
        }
        return changed[0];
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}

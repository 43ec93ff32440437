package dev.agentmail.webadmin;

import dev.agentmail.backup.BackupManifest;
import dev.agentmail.backup.BackupRefusedException;
import dev.agentmail.backup.OnlineBackup;
import dev.agentmail.domain.error.ConflictException;
import dev.agentmail.domain.error.InvalidInputException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Service;

import javax.inject.Inject;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The operator's online backup ({@code ./agentmail backup DIR} calls it): the server writes a consistent copy of
 * its data into a new directory on its own machine and answers once the copy is whole, manifest included.
 */
public class BackupRoutes implements Routes {
    public static final String BASE_PATH = "/agentmail/backups";
    private static final Logger LOGGER = LoggerFactory.getLogger(BackupRoutes.class);

    private final OnlineBackup backup;

    /** The body: where to write the backup, an absolute path on the server's machine. */
    record BackupRequest(String directory) {
    }

    /** The answer: what the backup holds, without the manifest's list of files. */
    record BackupResponse(String directory, String startedAt, String finishedAt, String storage, String database,
                          int files, long bytes) {
        static BackupResponse of(Path directory, BackupManifest manifest) {
            return new BackupResponse(directory.toString(), manifest.startedAt(), manifest.finishedAt(),
                manifest.storage(), manifest.database(), manifest.files().size(),
                manifest.files().stream().mapToLong(BackupManifest.FileEntry::size).sum());
        }
    }

    @Inject
    public BackupRoutes(OnlineBackup backup) {
        this.backup = backup;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.post(BASE_PATH, JsonRoutes.route(this::create));
    }

    private Object create(Request request, Response response) throws Exception {
        JsonRoutes.requireJson(request.contentType());
        BackupRequest body = request.body() == null || request.body().isBlank()
            ? null : JsonRoutes.JSON.readValue(request.body(), BackupRequest.class);
        if (body == null || body.directory() == null || body.directory().isBlank()) {
            throw new InvalidInputException("directory", "a JSON object body with the backup's directory is required");
        }
        Path directory;
        try {
            directory = Path.of(body.directory());
        } catch (InvalidPathException e) {
            throw new InvalidInputException("directory", "directory is not a usable path");
        }
        BackupManifest manifest;
        try {
            manifest = backup.backUp(directory);
        } catch (BackupRefusedException refused) {
            throw switch (refused.reason()) {
                case INVALID_TARGET -> new InvalidInputException("directory", refused.getMessage());
                case CONFLICT, UNSUPPORTED -> new ConflictException(refused.getMessage());
            };
        } catch (IOException failed) {
            LOGGER.error("Backup to {} failed", directory, failed);
            throw ErrorResponder.builder()
                .statusCode(500)
                .type(ErrorResponder.ErrorType.SERVER_ERROR)
                .message("the backup failed (" + failed + "); " + directory + " has no manifest, so no restore "
                    + "will take it; see the server log")
                .haltError();
        }
        response.status(201);
        return BackupResponse.of(directory.normalize(), manifest);
    }
}

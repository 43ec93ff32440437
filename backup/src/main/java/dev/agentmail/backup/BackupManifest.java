package dev.agentmail.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What a backup holds, written last into its directory as {@value #NAME}: a backup without it did not finish. Every
 * file is listed with its size and SHA-256, so a restore can tell a whole backup from one cut short in a copy.
 *
 * @param format      the layout of the directory; a restore refuses one it does not know
 * @param version     the agentmail version that wrote it
 * @param storage     the storage profile of the server it was taken from
 * @param database    {@link #DATABASE_DERBY} when {@code db/} holds the database, else what holds it instead
 * @param spool       the directory of the spool's journal in the backup
 * @param dataFiles   files of the data dir (keys), under {@code data/}
 * @param external    key files the server reads from outside its data dir, under {@code external/}
 * @param files       every file of the backup but this manifest
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BackupManifest(int format, String version, String storage,
                             @JsonProperty("started_at") String startedAt, @JsonProperty("finished_at") String finishedAt,
                             String database, String spool, @JsonProperty("data_files") List<String> dataFiles,
                             List<ExternalFile> external, List<FileEntry> files) {
    public static final String NAME = "manifest.json";
    public static final int FORMAT = 1;
    public static final String DATABASE_DERBY = "derby";
    public static final String DATABASE_DIR = "db";
    public static final String SPOOL_DIR = "spool/kahadb";
    public static final String DATA_DIR = "data";
    public static final String EXTERNAL_DIR = "external";

    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public BackupManifest {
        dataFiles = List.copyOf(dataFiles);
        external = List.copyOf(external);
        files = List.copyOf(files);
    }

    /** A key file named by a variable, e.g. AGENTMAIL_TLS_CERT=/etc/letsencrypt/..., kept as {@code storedAs}. */
    public record ExternalFile(String variable, String path, @JsonProperty("stored_as") String storedAs) {
    }

    public record FileEntry(String path, long size, String sha256) {
    }

    /** Written beside, then moved into place, so that a manifest is whole or absent. */
    void writeTo(Path directory) throws IOException {
        Path partial = directory.resolve(NAME + ".partial");
        JSON.writeValue(partial.toFile(), this);
        Files.move(partial, directory.resolve(NAME), StandardCopyOption.ATOMIC_MOVE);
    }

    static BackupManifest readFrom(Path file) throws IOException {
        return JSON.readValue(file.toFile(), BackupManifest.class);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

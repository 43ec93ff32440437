package dev.agentmail.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Key files the server reads from outside its data dir, by the variable that names them: a backup carries them too. */
record BackupSettings(Map<String, Path> externalKeyFiles) {
    /** Every variable that names a key file; the files of the data dir itself are in {@link BackupModule}. */
    static final List<String> KEY_FILE_VARIABLES = List.of("AGENTMAIL_TLS_CERT", "AGENTMAIL_TLS_KEY", "AGENTMAIL_DKIM_KEY");

    BackupSettings {
        externalKeyFiles = Map.copyOf(externalKeyFiles);
    }

    static BackupSettings fromEnvironment(EnvironmentSettings env) {
        Map<String, Path> files = new LinkedHashMap<>();
        KEY_FILE_VARIABLES.forEach(variable -> env.optionalPath(variable).ifPresent(path -> files.put(variable, path)));
        return new BackupSettings(files);
    }
}

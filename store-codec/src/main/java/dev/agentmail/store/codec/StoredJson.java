package dev.agentmail.store.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.agentmail.domain.model.Analysis;
import dev.agentmail.domain.model.DnsRecord;
import dev.agentmail.domain.model.DraftContent;
import dev.agentmail.domain.model.MessageContent;
import dev.agentmail.domain.store.StorageException;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The JSON documents our stores keep in text columns, written and read through the storage records of this package,
 * whose property names are the stored format: renaming a domain field cannot change what is stored.
 *
 * <p>Every property of a stored record is required (present, {@code null} where optional), so a document missing one,
 * such as after a property was renamed, fails to read instead of losing the value. Unknown properties are ignored:
 * they can only come from a newer version, which adds properties rather than renaming them, and nodes of the older
 * version must keep reading its rows during a rolling upgrade (or after a rollback) of the distributed profile.
 */
public final class StoredJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();
    private static final TypeReference<StoredMessageContent> CONTENT = new TypeReference<>() {
    };
    private static final TypeReference<StoredAnalysis> ANALYSIS = new TypeReference<>() {
    };
    private static final TypeReference<StoredDraftContent> DRAFT = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> LABELS = new TypeReference<>() {
    };
    private static final TypeReference<List<StoredDnsRecord>> RECORDS = new TypeReference<>() {
    };

    private StoredJson() {
    }

    public static String write(MessageContent content) {
        return write(StoredMessageContent.of(content), "message content");
    }

    public static MessageContent readContent(String json) {
        return read(json, CONTENT, StoredMessageContent::toDomain, "message content");
    }

    /** The same document in UTF-8, for binary columns: a database writes bytes far faster than characters. */
    public static byte[] writeUtf8(MessageContent content) {
        return writeUtf8(StoredMessageContent.of(content), "message content");
    }

    public static MessageContent readContent(byte[] json) {
        return read(json, CONTENT, StoredMessageContent::toDomain, "message content");
    }

    public static String write(DraftContent content) {
        return write(StoredDraftContent.of(content), "draft content");
    }

    public static DraftContent readDraft(String json) {
        return read(json, DRAFT, StoredDraftContent::toDomain, "draft content");
    }

    public static String write(Analysis analysis) {
        return write(StoredAnalysis.of(analysis), "message analysis");
    }

    public static Analysis readAnalysis(String json) {
        return read(json, ANALYSIS, StoredAnalysis::toDomain, "message analysis");
    }

    public static byte[] writeUtf8(Analysis analysis) {
        return writeUtf8(StoredAnalysis.of(analysis), "message analysis");
    }

    public static Analysis readAnalysis(byte[] json) {
        return read(json, ANALYSIS, StoredAnalysis::toDomain, "message analysis");
    }

    /** A message's labels, sorted. */
    public static String writeLabels(Set<String> labels) {
        return write(List.copyOf(new TreeSet<>(labels)), "message labels");
    }

    public static Set<String> readLabels(String json) {
        return read(json, LABELS, Set::copyOf, "message labels");
    }

    public static String writeRecords(List<DnsRecord> records) {
        return write(records.stream().map(StoredDnsRecord::of).toList(), "DNS records of a domain");
    }

    public static List<DnsRecord> readRecords(String json) {
        return read(json, RECORDS, stored -> stored.stream().map(StoredDnsRecord::toDomain).toList(),
            "DNS records of a domain");
    }

    private static String write(Object stored, String what) {
        try {
            return MAPPER.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new StorageException("could not write the " + what, e);
        }
    }

    private static byte[] writeUtf8(Object stored, String what) {
        try {
            return MAPPER.writeValueAsBytes(stored);
        } catch (JsonProcessingException e) {
            throw new StorageException("could not write the " + what, e);
        }
    }

    private static <S, T> T read(byte[] json, TypeReference<S> type, Function<S, T> toDomain, String what) {
        try {
            return checked(MAPPER.readValue(json, type), toDomain);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new StorageException("could not read the stored " + what, e);
        }
    }

    private static <S, T> T read(String json, TypeReference<S> type, Function<S, T> toDomain, String what) {
        try {
            return checked(MAPPER.readValue(json, type), toDomain);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new StorageException("could not read the stored " + what, e);
        }
    }

    private static <S, T> T checked(S stored, Function<S, T> toDomain) {
        if (stored == null) {
            throw new IllegalArgumentException("the stored document is null");
        }
        return toDomain.apply(stored);
    }
}

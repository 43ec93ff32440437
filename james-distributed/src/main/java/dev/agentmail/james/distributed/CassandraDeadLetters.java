package dev.agentmail.james.distributed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.DataTypes;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.events.Event;
import org.apache.james.events.EventDeadLetters;
import org.apache.james.events.EventSerializer;
import org.apache.james.events.Group;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import javax.inject.Inject;

/**
 * Events that a group listener failed on, kept in Cassandra for WebAdmin to list and redeliver. James's own
 * implementation (event-bus-cassandra) is not published on Maven Central for 3.8.1; this one stores the same: the
 * event as James's JSON, by group and insertion id, one partition per group.
 */
public class CassandraDeadLetters implements EventDeadLetters {
    static final String TABLE = "dead_letter_events";
    private static final String GROUP = "listener_group";
    private static final String INSERTION_ID = "insertion_id";
    private static final String EVENT = "event";

    static final CassandraModule MODULE = CassandraModule.table(TABLE)
        .comment("Mailbox events that a group listener failed on, by group.")
        .statement(statement -> types -> statement
            .withPartitionKey(GROUP, DataTypes.TEXT)
            .withClusteringColumn(INSERTION_ID, DataTypes.UUID)
            .withColumn(EVENT, DataTypes.TEXT))
        .build();

    private final CqlSession session;
    private final EventSerializer serializer;
    private final PreparedStatement insert;
    private final PreparedStatement deleteOne;
    private final PreparedStatement deleteGroup;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectIds;
    private final PreparedStatement selectGroups;
    private final PreparedStatement selectAny;

    @Inject
    public CassandraDeadLetters(CqlSession session, EventSerializer serializer) {
        this.session = session;
        this.serializer = serializer;
        insert = session.prepare("INSERT INTO " + TABLE + " (" + GROUP + ", " + INSERTION_ID + ", " + EVENT
            + ") VALUES (?, ?, ?)");
        deleteOne = session.prepare("DELETE FROM " + TABLE + " WHERE " + GROUP + " = ? AND " + INSERTION_ID + " = ?");
        deleteGroup = session.prepare("DELETE FROM " + TABLE + " WHERE " + GROUP + " = ?");
        selectOne = session.prepare("SELECT " + EVENT + " FROM " + TABLE + " WHERE " + GROUP + " = ? AND "
            + INSERTION_ID + " = ?");
        selectIds = session.prepare("SELECT " + INSERTION_ID + " FROM " + TABLE + " WHERE " + GROUP + " = ?");
        selectGroups = session.prepare("SELECT DISTINCT " + GROUP + " FROM " + TABLE);
        selectAny = session.prepare("SELECT " + GROUP + " FROM " + TABLE + " LIMIT 1");
    }

    @Override
    public Mono<InsertionId> store(Group registeredGroup, Event failDeliveredEvent) {
        InsertionId id = InsertionId.random();
        return Mono.from(session.executeReactive(insert.bind(registeredGroup.asString(), id.getId(),
                serializer.toJson(failDeliveredEvent))))
            .then(Mono.just(id));
    }

    @Override
    public Mono<Void> remove(Group registeredGroup, InsertionId failDeliveredInsertionId) {
        return Mono.from(session.executeReactive(deleteOne.bind(registeredGroup.asString(),
            failDeliveredInsertionId.getId()))).then();
    }

    @Override
    public Mono<Void> remove(Group registeredGroup) {
        return Mono.from(session.executeReactive(deleteGroup.bind(registeredGroup.asString()))).then();
    }

    @Override
    public Mono<Event> failedEvent(Group registeredGroup, InsertionId failDeliveredInsertionId) {
        return Mono.from(session.executeReactive(selectOne.bind(registeredGroup.asString(),
                failDeliveredInsertionId.getId())))
            .map(row -> serializer.asEvent(row.getString(EVENT)));
    }

    @Override
    public Flux<InsertionId> failedIds(Group registeredGroup) {
        return Flux.from(session.executeReactive(selectIds.bind(registeredGroup.asString())))
            .map(row -> InsertionId.of(row.getUuid(INSERTION_ID)));
    }

    @Override
    public Flux<Group> groupsWithFailedEvents() {
        return Flux.from(session.executeReactive(selectGroups.bind()))
            .map(row -> row.getString(GROUP))
            .handle((group, sink) -> {
                try {
                    sink.next(Group.deserialize(group));
                } catch (Group.GroupDeserializationException e) {
                    sink.error(e);
                }
            });
    }

    @Override
    public Mono<Boolean> containEvents() {
        return Flux.from(session.executeReactive(selectAny.bind())).hasElements();
    }
}

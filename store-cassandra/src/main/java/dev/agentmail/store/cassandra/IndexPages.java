package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.agentmail.domain.model.PageRequest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A page of an index partition, whose clustering order is the list's order. Cassandra has no OFFSET: the rows before
 * the page are read and skipped, which the lists we keep this way (an organization's keys, inboxes, domains,
 * webhooks; a webhook's deliveries of a month) afford.
 */
final class IndexPages {
    private IndexPages() {
    }

    /** @param cql a query whose first column is the id, in the list's order */
    static List<String> ids(Cql cql, PageRequest pageRequest, String query, Object... values) {
        long end = pageRequest.offset() + pageRequest.pageSize();
        List<String> ids = new ArrayList<>();
        try {
            Iterator<Row> rows = cql.execute(cql.bind(query + " LIMIT ?", append(values, (int) Math.min(end,
                Integer.MAX_VALUE)))).iterator();
            for (long index = 0; index < end && rows.hasNext(); index++) {
                Row row = rows.next();
                if (index >= pageRequest.offset()) {
                    ids.add(row.getString(0));
                }
            }
        } catch (DriverException e) {
            throw Cql.failure(e);
        }
        return ids;
    }

    private static Object[] append(Object[] values, Object last) {
        Object[] all = new Object[values.length + 1];
        System.arraycopy(values, 0, all, 0, values.length);
        all[values.length] = last;
        return all;
    }
}

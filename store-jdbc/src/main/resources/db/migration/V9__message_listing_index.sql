-- Newest-first listing of an inbox without a sort: the index is in listing order and holds every column the
-- page query needs, so a page costs an index range read, and deep pages skip index entries, not rows.
CREATE INDEX messages_listing ON messages (inbox_id, ts DESC, created_at DESC, uid DESC, organization_id, id);

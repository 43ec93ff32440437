-- How many times a message older than a minute was added to or deleted from the inbox: the listing keys kept for its
-- deep pages (ListingAnchors) are used only while this count is what it was when they were taken.
ALTER TABLE inbox_counts ADD COLUMN reorders BIGINT DEFAULT 0 NOT NULL;

-- messages_listing (V9) starts with the same inbox_id and serves every query by inbox; messages_by_inbox only cost
-- a B-tree insert with every delivered message.
DROP INDEX messages_by_inbox;

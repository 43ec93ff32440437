-- What a key reaches: NULL is every inbox or every permission (keys made before scopes are full keys); otherwise
-- the inbox ids or permission names, separated by spaces.
ALTER TABLE api_keys ADD COLUMN inbox_ids VARCHAR(8000);
ALTER TABLE api_keys ADD COLUMN permissions VARCHAR(500);

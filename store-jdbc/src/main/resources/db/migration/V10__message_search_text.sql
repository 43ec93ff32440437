-- What the q of a message listing searches: subject, sender, To/Cc recipients and text body, lower-cased, one line
-- each, matched with LIKE. Filled by the application as it indexes; V11 fills it for the messages already there.
ALTER TABLE messages ADD COLUMN search_text ${text};

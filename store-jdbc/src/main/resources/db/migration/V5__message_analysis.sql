-- What reading a message found for agents: verification code and its sentence, confirmation link, reply text.
ALTER TABLE messages ADD COLUMN analysis ${text};
UPDATE messages SET analysis = '{"code":null,"codeSentence":null,"link":null,"extractedText":null,"extractedHtml":null}';

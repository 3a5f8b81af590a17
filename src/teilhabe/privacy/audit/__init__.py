"""The audit log as its readers use it: whose events each role sees (`scope`), the log's
filters and keyset pages (`log`), and the sentence each event reads as (`text`)."""

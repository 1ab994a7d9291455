"""The tamper-evident record log: the platform side of `chanjiao.core.ledger`.

Key records (organisations, carriers and their membership, program crosswalks, and the records
of later capabilities) are appended as leaves of an RFC 6962 Merkle log stored in the database
(`models`). Capabilities call one service, `services.record_change` (or `append_record` /
`append_records` with explicit content), inside their own transaction; each record type is
declared once in a `RecordType` (`records`) that says how its content is read from the
database and who may see it. Signed tree heads (`keys`, `services.sign_tree_head`), proofs
(`selectors`, `api`), the whole-log check (`verification`) and the server-free check of one
exported record (`bundle`, pure) complete it. docs/ledger.md explains it to an auditor.
"""

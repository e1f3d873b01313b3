// Re-exports for the audit CLI test.
export { AuditLog, AuditSigner } from "../../kernel/security/audit/index.js";
export { splitNotes as splitNotesForTest } from "../../kernel/security/audit/note.js";

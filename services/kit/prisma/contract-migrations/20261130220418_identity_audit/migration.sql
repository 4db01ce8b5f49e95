-- CreateTable
CREATE TABLE "AuditRecord" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_IdempotencyRecord" (
    "owner" TEXT NOT NULL DEFAULT '',
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "caseId" INTEGER NOT NULL,
    "result" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("owner", "key")
);
INSERT INTO "new_IdempotencyRecord" ("caseId", "createdAt", "fingerprint", "key", "operation", "result") SELECT "caseId", "createdAt", "fingerprint", "key", "operation", "result" FROM "IdempotencyRecord";
DROP TABLE "IdempotencyRecord";
ALTER TABLE "new_IdempotencyRecord" RENAME TO "IdempotencyRecord";
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "AuditRecord_prevHash_key" ON "AuditRecord"("prevHash");

-- CreateIndex
CREATE UNIQUE INDEX "AuditRecord_hash_key" ON "AuditRecord"("hash");


-- The audit trail is append-only for anyone using SQL (services/runtime/src/audit/sqlite-store.ts).
CREATE TRIGGER "AuditRecord_no_update" BEFORE UPDATE ON "AuditRecord"
BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
CREATE TRIGGER "AuditRecord_no_delete" BEFORE DELETE ON "AuditRecord"
BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;

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
CREATE TABLE "new_JointApplication" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "owner" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL DEFAULT '',
    "projectName" TEXT NOT NULL,
    "applicantKind" TEXT NOT NULL,
    "applicantName" TEXT NOT NULL,
    "applicantIdNumber" TEXT NOT NULL,
    "leadDepartment" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'JOINT',
    "createdAt" DATETIME NOT NULL,
    "limitWorkingDays" INTEGER NOT NULL DEFAULT 45,
    "extensionWorkingDays" INTEGER,
    "extensionApprovedBy" TEXT,
    "extensionReason" TEXT,
    "extendedBy" TEXT,
    "extendedAt" DATETIME,
    "concludedAt" DATETIME
);
-- Rows made before keys were each caller's own have no owner (''), which no verified person is.
INSERT INTO "new_JointApplication" ("owner", "applicantIdNumber", "applicantKind", "applicantName", "concludedAt", "createdAt", "extendedAt", "extendedBy", "extensionApprovedBy", "extensionReason", "extensionWorkingDays", "fingerprint", "id", "idempotencyKey", "kind", "leadDepartment", "limitWorkingDays", "projectName") SELECT '', "applicantIdNumber", "applicantKind", "applicantName", "concludedAt", "createdAt", "extendedAt", "extendedBy", "extensionApprovedBy", "extensionReason", "extensionWorkingDays", "fingerprint", "id", "idempotencyKey", "kind", "leadDepartment", "limitWorkingDays", "projectName" FROM "JointApplication";
DROP TABLE "JointApplication";
ALTER TABLE "new_JointApplication" RENAME TO "JointApplication";
CREATE INDEX "JointApplication_concludedAt_idx" ON "JointApplication"("concludedAt");
CREATE UNIQUE INDEX "JointApplication_owner_idempotencyKey_key" ON "JointApplication"("owner", "idempotencyKey");
CREATE TABLE "new_FastTrack" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "owner" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL DEFAULT '',
    "caseId" TEXT NOT NULL,
    "projectName" TEXT NOT NULL,
    "leader" TEXT NOT NULL,
    "authorizedBy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "outstanding" TEXT NOT NULL,
    "received" TEXT NOT NULL DEFAULT '[]',
    "dueDate" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "completedAt" DATETIME
);
-- authorizedBy used to hold the leader's name: it moves to leader, and who recorded those is not known ('').
INSERT INTO "new_FastTrack" ("owner", "leader", "authorizedBy", "caseId", "completedAt", "createdAt", "dueDate", "fingerprint", "id", "idempotencyKey", "outstanding", "projectName", "reason", "received") SELECT '', "authorizedBy", '', "caseId", "completedAt", "createdAt", "dueDate", "fingerprint", "id", "idempotencyKey", "outstanding", "projectName", "reason", "received" FROM "FastTrack";
DROP TABLE "FastTrack";
ALTER TABLE "new_FastTrack" RENAME TO "FastTrack";
CREATE INDEX "FastTrack_caseId_idx" ON "FastTrack"("caseId");
CREATE UNIQUE INDEX "FastTrack_owner_idempotencyKey_key" ON "FastTrack"("owner", "idempotencyKey");
CREATE TABLE "new_Complaint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "owner" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "department" TEXT,
    "caseId" TEXT,
    "caseNumber" TEXT,
    "windowId" TEXT,
    "channel" TEXT NOT NULL,
    "complainant" TEXT NOT NULL,
    "phone" TEXT,
    "content" TEXT NOT NULL,
    "receivedBy" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL
);
INSERT INTO "new_Complaint" ("owner", "caseId", "caseNumber", "channel", "complainant", "content", "department", "fingerprint", "id", "idempotencyKey", "phone", "receivedAt", "receivedBy", "subject", "windowId") SELECT '', "caseId", "caseNumber", "channel", "complainant", "content", "department", "fingerprint", "id", "idempotencyKey", "phone", "receivedAt", "receivedBy", "subject", "windowId" FROM "Complaint";
DROP TABLE "Complaint";
ALTER TABLE "new_Complaint" RENAME TO "Complaint";
CREATE INDEX "Complaint_department_receivedAt_idx" ON "Complaint"("department", "receivedAt");
CREATE UNIQUE INDEX "Complaint_owner_idempotencyKey_key" ON "Complaint"("owner", "idempotencyKey");
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

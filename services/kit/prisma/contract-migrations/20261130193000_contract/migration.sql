-- CreateTable
CREATE TABLE "Item" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "implementingBody" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "statutoryLimitDays" INTEGER NOT NULL,
    "committedLimitDays" INTEGER NOT NULL,
    "feeCharged" BOOLEAN NOT NULL DEFAULT false,
    "feeStandard" TEXT,
    "feeBasis" TEXT,
    "inCenter" BOOLEAN NOT NULL DEFAULT true,
    "windowAuthorized" BOOLEAN NOT NULL DEFAULT false,
    "onlineAvailable" BOOLEAN NOT NULL DEFAULT false,
    "maxVisits" INTEGER NOT NULL DEFAULT 1,
    "conditions" TEXT NOT NULL,
    "process" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ItemMaterial" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemCode" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "original" BOOLEAN NOT NULL,
    "copies" INTEGER NOT NULL DEFAULT 1,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "form" TEXT NOT NULL DEFAULT 'PAPER',
    "blankFormAvailable" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ItemMaterial_itemCode_fkey" FOREIGN KEY ("itemCode") REFERENCES "Item" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Case" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "applicantKind" TEXT NOT NULL,
    "applicantName" TEXT NOT NULL,
    "applicantIdNumber" TEXT NOT NULL,
    "applicantKey" TEXT NOT NULL,
    "jointApplicationId" TEXT,
    "status" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "acceptedAt" DATETIME,
    "deadline" DATETIME,
    "concludedAt" DATETIME,
    "receivedAt" DATETIME NOT NULL,
    "deemedAccepted" BOOLEAN NOT NULL DEFAULT false,
    "supplementRequestedAt" DATETIME,
    "missingMaterials" TEXT,
    "suspendedAt" DATETIME,
    "suspendedDays" INTEGER NOT NULL DEFAULT 0,
    "extendedAt" DATETIME,
    "denialReason" TEXT,
    "denialLegalBasis" TEXT,
    "workingDaysToConclude" INTEGER,
    "verificationCode" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Case_itemCode_fkey" FOREIGN KEY ("itemCode") REFERENCES "Item" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "note" TEXT,
    "materials" TEXT,
    "reason" TEXT,
    "legalBasis" TEXT,
    "procedure" TEXT,
    "expectedEnd" DATETIME,
    "approvedBy" TEXT,
    "deadlineBefore" DATETIME,
    "deadlineAfter" DATETIME,
    CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "operation" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "caseId" INTEGER NOT NULL,
    "result" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CalendarCopy" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "notice" TEXT NOT NULL,
    "holidays" TEXT NOT NULL,
    "adjustedWorkdays" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ItemMaterial_itemCode_position_key" ON "ItemMaterial"("itemCode", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Case_number_key" ON "Case"("number");

-- CreateIndex
CREATE INDEX "Case_submittedAt_id_idx" ON "Case"("submittedAt", "id");

-- CreateIndex
CREATE INDEX "Case_deadline_id_idx" ON "Case"("deadline", "id");

-- CreateIndex
CREATE INDEX "Case_status_idx" ON "Case"("status");

-- CreateIndex
CREATE INDEX "Case_itemCode_idx" ON "Case"("itemCode");

-- CreateIndex
CREATE INDEX "Case_applicantIdNumber_idx" ON "Case"("applicantIdNumber");

-- CreateIndex
CREATE INDEX "Case_applicantKey_idx" ON "Case"("applicantKey");

-- CreateIndex
CREATE INDEX "Case_jointApplicationId_idx" ON "Case"("jointApplicationId");

-- CreateIndex
CREATE INDEX "Case_concludedAt_idx" ON "Case"("concludedAt");

-- CreateIndex
CREATE INDEX "Case_stats_covering_idx" ON "Case"("submittedAt", "status", "concludedAt", "deadline", "suspendedAt", "supplementRequestedAt", "workingDaysToConclude");

-- CreateIndex
CREATE UNIQUE INDEX "CaseEvent_caseId_seq_key" ON "CaseEvent"("caseId", "seq");


-- Indexes on the contract's Case table that Prisma cannot express in a schema (expression and
-- partial indexes). The contract's first migration (contract-migrations/, which every department
-- links in) ends with this text, after the SQL `prisma migrate diff` writes for the models.
-- `migrate diff` compares models only, so later migrations leave these indexes alone.

-- Lists ordered by deadline sort by COALESCE(deadline, <sentinel>) so that cases without a
-- deadline come last in either direction (services/kit/src/department/case-list.ts). These
-- indexes match those expressions exactly, so SQLite walks the index instead of sorting, and a
-- filtered top-N list stops early. They also carry the columns the overdue condition reads
-- (deadline, concludedAt, suspendedAt): in deadline order the overdue cases are interleaved with
-- on-time ones (about 800 entries for "the 50 most overdue" at 200,000 cases), and each candidate
-- is tested from the index; the table is read only for the rows returned.
CREATE INDEX "Case_deadline_asc_order_idx" ON "Case"(COALESCE(deadline, '9999-12-31T23:59:59.999+00:00'), id, deadline, concludedAt, suspendedAt);
CREATE INDEX "Case_deadline_desc_order_idx" ON "Case"(COALESCE(deadline, '0000-01-01T00:00:00.000+00:00'), id, deadline, concludedAt, suspendedAt);

-- The department's headline numbers (Department.openCases, overdueCases) are counts over small
-- subsets of a large table. These partial indexes hold exactly those subsets, so the counts in
-- loaders.ts read only their own entries.
CREATE INDEX "Case_open_clock_idx" ON "Case"(deadline, suspendedAt) WHERE concludedAt IS NULL;
CREATE INDEX "Case_concluded_late_idx" ON "Case"(concludedAt) WHERE concludedAt > deadline;

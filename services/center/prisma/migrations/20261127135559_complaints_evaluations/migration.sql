-- CreateTable
CREATE TABLE "Complaint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "department" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "caseNumber" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "comment" TEXT,
    "evaluatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "complaintId" INTEGER,
    "evaluationId" INTEGER,
    "department" TEXT,
    "caseId" TEXT,
    "caseNumber" TEXT,
    "summary" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "founded" BOOLEAN,
    "verifiedAt" DATETIME,
    "verifiedBy" TEXT,
    "verification" TEXT,
    "rectifiedAt" DATETIME,
    "rectifiedBy" TEXT,
    "rectification" TEXT,
    "feedbackAt" DATETIME,
    "feedbackBy" TEXT,
    "feedback" TEXT,
    "revisitedAt" DATETIME,
    "revisitedBy" TEXT,
    "revisitSatisfied" BOOLEAN,
    "revisitNote" TEXT,
    "closedAt" DATETIME,
    CONSTRAINT "FollowUp_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_JointApplication" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idempotencyKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL DEFAULT '',
    "projectName" TEXT NOT NULL,
    "applicantKind" TEXT NOT NULL,
    "applicantName" TEXT NOT NULL,
    "applicantIdNumber" TEXT NOT NULL,
    "leadDepartment" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);
INSERT INTO "new_JointApplication" ("applicantIdNumber", "applicantKind", "applicantName", "createdAt", "id", "idempotencyKey", "leadDepartment", "projectName") SELECT "applicantIdNumber", "applicantKind", "applicantName", "createdAt", "id", "idempotencyKey", "leadDepartment", "projectName" FROM "JointApplication";
DROP TABLE "JointApplication";
ALTER TABLE "new_JointApplication" RENAME TO "JointApplication";
CREATE UNIQUE INDEX "JointApplication_idempotencyKey_key" ON "JointApplication"("idempotencyKey");
CREATE TABLE "new_FastTrack" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idempotencyKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL DEFAULT '',
    "caseId" TEXT NOT NULL,
    "projectName" TEXT NOT NULL,
    "authorizedBy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "outstanding" TEXT NOT NULL,
    "received" TEXT NOT NULL DEFAULT '[]',
    "dueDate" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "completedAt" DATETIME
);
INSERT INTO "new_FastTrack" ("authorizedBy", "caseId", "completedAt", "createdAt", "dueDate", "id", "idempotencyKey", "outstanding", "projectName", "reason", "received") SELECT "authorizedBy", "caseId", "completedAt", "createdAt", "dueDate", "id", "idempotencyKey", "outstanding", "projectName", "reason", "received" FROM "FastTrack";
DROP TABLE "FastTrack";
ALTER TABLE "new_FastTrack" RENAME TO "FastTrack";
CREATE UNIQUE INDEX "FastTrack_idempotencyKey_key" ON "FastTrack"("idempotencyKey");
CREATE INDEX "FastTrack_caseId_idx" ON "FastTrack"("caseId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_idempotencyKey_key" ON "Complaint"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Complaint_department_receivedAt_idx" ON "Complaint"("department", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Evaluation_caseId_key" ON "Evaluation"("caseId");

-- CreateIndex
CREATE INDEX "Evaluation_department_evaluatedAt_idx" ON "Evaluation"("department", "evaluatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_sourceKey_key" ON "FollowUp"("sourceKey");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_complaintId_key" ON "FollowUp"("complaintId");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_evaluationId_key" ON "FollowUp"("evaluationId");

-- CreateIndex
CREATE INDEX "FollowUp_stage_dueAt_idx" ON "FollowUp"("stage", "dueAt");

-- CreateIndex
CREATE INDEX "FollowUp_department_openedAt_idx" ON "FollowUp"("department", "openedAt");


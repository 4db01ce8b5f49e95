-- AlterTable
ALTER TABLE "Evaluation" ADD COLUMN "windowGrade" TEXT;
ALTER TABLE "Evaluation" ADD COLUMN "windowStaffId" TEXT;

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
INSERT INTO "new_JointApplication" ("applicantIdNumber", "applicantKind", "applicantName", "createdAt", "fingerprint", "id", "idempotencyKey", "leadDepartment", "projectName") SELECT "applicantIdNumber", "applicantKind", "applicantName", "createdAt", "fingerprint", "id", "idempotencyKey", "leadDepartment", "projectName" FROM "JointApplication";
DROP TABLE "JointApplication";
ALTER TABLE "new_JointApplication" RENAME TO "JointApplication";
CREATE UNIQUE INDEX "JointApplication_idempotencyKey_key" ON "JointApplication"("idempotencyKey");
CREATE INDEX "JointApplication_concludedAt_idx" ON "JointApplication"("concludedAt");
CREATE TABLE "new_FollowUp" (
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
    "dueCovers" TEXT NOT NULL DEFAULT 'RECTIFICATION',
    "windowStaffId" TEXT,
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
    "revisitContact" TEXT,
    "revisitSatisfied" BOOLEAN,
    "revisitNote" TEXT,
    "closedAt" DATETIME,
    CONSTRAINT "FollowUp_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_FollowUp" ("caseId", "caseNumber", "closedAt", "complaintId", "department", "dueAt", "evaluationId", "feedback", "feedbackAt", "feedbackBy", "founded", "id", "openedAt", "rectification", "rectifiedAt", "rectifiedBy", "revisitNote", "revisitSatisfied", "revisitedAt", "revisitedBy", "source", "sourceKey", "stage", "summary", "verification", "verifiedAt", "verifiedBy") SELECT "caseId", "caseNumber", "closedAt", "complaintId", "department", "dueAt", "evaluationId", "feedback", "feedbackAt", "feedbackBy", "founded", "id", "openedAt", "rectification", "rectifiedAt", "rectifiedBy", "revisitNote", "revisitSatisfied", "revisitedAt", "revisitedBy", "source", "sourceKey", "stage", "summary", "verification", "verifiedAt", "verifiedBy" FROM "FollowUp";
DROP TABLE "FollowUp";
ALTER TABLE "new_FollowUp" RENAME TO "FollowUp";
CREATE UNIQUE INDEX "FollowUp_sourceKey_key" ON "FollowUp"("sourceKey");
CREATE UNIQUE INDEX "FollowUp_complaintId_key" ON "FollowUp"("complaintId");
CREATE UNIQUE INDEX "FollowUp_evaluationId_key" ON "FollowUp"("evaluationId");
CREATE INDEX "FollowUp_stage_dueAt_idx" ON "FollowUp"("stage", "dueAt");
CREATE INDEX "FollowUp_department_openedAt_idx" ON "FollowUp"("department", "openedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


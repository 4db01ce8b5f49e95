-- CreateTable
CREATE TABLE "ServiceWindow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "departmentCode" TEXT
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "departmentCode" TEXT,
    "windowId" TEXT,
    CONSTRAINT "Staff_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "ServiceWindow" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeedCursor" (
    "department" TEXT NOT NULL PRIMARY KEY,
    "cursor" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventKey" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "caseNumber" TEXT NOT NULL,
    "applicantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "materials" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JointApplication" (
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

-- CreateTable
CREATE TABLE "JointPart" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jointId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "department" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "itemName" TEXT,
    "materials" TEXT,
    "dependsOn" INTEGER,
    "dispatch" TEXT NOT NULL,
    "caseId" TEXT,
    "caseStatus" TEXT,
    "dispatchedAt" DATETIME,
    "acceptedAt" DATETIME,
    "approvedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    CONSTRAINT "JointPart_jointId_fkey" FOREIGN KEY ("jointId") REFERENCES "JointApplication" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Bulletin" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "month" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "rows" TEXT NOT NULL,
    "generatedAt" DATETIME NOT NULL,
    "generatedBy" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "FastTrack" (
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

-- CreateTable
CREATE TABLE "WindowAuthorization" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "staffId" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "grantedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Applicant" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "phone" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Inquiry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "applicantId" INTEGER NOT NULL,
    "question" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "answer" TEXT,
    "createdAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    CONSTRAINT "Inquiry_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "Applicant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

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
    "windowStaffId" TEXT,
    "windowGrade" TEXT,
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

-- CreateTable
CREATE TABLE "CalendarChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "notice" TEXT NOT NULL,
    "holidays" TEXT NOT NULL,
    "adjustedWorkdays" TEXT NOT NULL,
    "reason" TEXT,
    "enteredBy" TEXT NOT NULL,
    "enteredAt" DATETIME NOT NULL,
    "changedDays" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "Staff_windowId_idx" ON "Staff"("windowId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_eventKey_key" ON "Notification"("eventKey");

-- CreateIndex
CREATE INDEX "Notification_caseId_idx" ON "Notification"("caseId");

-- CreateIndex
CREATE INDEX "Notification_applicantId_idx" ON "Notification"("applicantId");

-- CreateIndex
CREATE UNIQUE INDEX "JointApplication_idempotencyKey_key" ON "JointApplication"("idempotencyKey");

-- CreateIndex
CREATE INDEX "JointApplication_concludedAt_idx" ON "JointApplication"("concludedAt");

-- CreateIndex
CREATE INDEX "JointPart_caseId_idx" ON "JointPart"("caseId");

-- CreateIndex
CREATE INDEX "JointPart_dispatch_idx" ON "JointPart"("dispatch");

-- CreateIndex
CREATE UNIQUE INDEX "JointPart_jointId_position_key" ON "JointPart"("jointId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Bulletin_month_version_key" ON "Bulletin"("month", "version");

-- CreateIndex
CREATE UNIQUE INDEX "FastTrack_idempotencyKey_key" ON "FastTrack"("idempotencyKey");

-- CreateIndex
CREATE INDEX "FastTrack_caseId_idx" ON "FastTrack"("caseId");

-- CreateIndex
CREATE INDEX "WindowAuthorization_department_idx" ON "WindowAuthorization"("department");

-- CreateIndex
CREATE UNIQUE INDEX "WindowAuthorization_staffId_itemCode_key" ON "WindowAuthorization"("staffId", "itemCode");

-- CreateIndex
CREATE UNIQUE INDEX "Applicant_idNumber_key" ON "Applicant"("idNumber");

-- CreateIndex
CREATE INDEX "Inquiry_ownerId_status_idx" ON "Inquiry"("ownerId", "status");

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

-- CreateIndex
CREATE INDEX "CalendarChange_year_id_idx" ON "CalendarChange"("year", "id");


-- CreateTable
CREATE TABLE "ServiceWindow" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "departmentCode" TEXT,

    CONSTRAINT "ServiceWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "departmentCode" TEXT,
    "windowId" TEXT,

    CONSTRAINT "Staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedCursor" (
    "department" TEXT NOT NULL,
    "cursor" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeedCursor_pkey" PRIMARY KEY ("department")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "eventKey" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "caseNumber" TEXT NOT NULL,
    "applicantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "materials" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JointApplication" (
    "id" SERIAL NOT NULL,
    "owner" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL DEFAULT '',
    "projectName" TEXT NOT NULL,
    "applicantKind" TEXT NOT NULL,
    "applicantName" TEXT NOT NULL,
    "applicantIdNumber" TEXT NOT NULL,
    "leadDepartment" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'JOINT',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "limitWorkingDays" INTEGER NOT NULL DEFAULT 45,
    "extensionWorkingDays" INTEGER,
    "extensionApprovedBy" TEXT,
    "extensionReason" TEXT,
    "extendedBy" TEXT,
    "extendedAt" TIMESTAMP(3),
    "concludedAt" TIMESTAMP(3),

    CONSTRAINT "JointApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JointPart" (
    "id" SERIAL NOT NULL,
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
    "dispatchedAt" TIMESTAMP(3),
    "acceptedAt" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "JointPart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bulletin" (
    "id" SERIAL NOT NULL,
    "month" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "rows" TEXT NOT NULL,
    "generatedAt" TIMESTAMP(3) NOT NULL,
    "generatedBy" TEXT NOT NULL,

    CONSTRAINT "Bulletin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FastTrack" (
    "id" SERIAL NOT NULL,
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
    "dueDate" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "FastTrack_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WindowAuthorization" (
    "id" SERIAL NOT NULL,
    "staffId" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WindowAuthorization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Applicant" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "phone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Applicant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inquiry" (
    "id" SERIAL NOT NULL,
    "applicantId" INTEGER NOT NULL,
    "question" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "answer" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Inquiry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" SERIAL NOT NULL,
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
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" SERIAL NOT NULL,
    "department" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "caseNumber" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "comment" TEXT,
    "windowStaffId" TEXT,
    "windowGrade" TEXT,
    "evaluatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "complaintId" INTEGER,
    "evaluationId" INTEGER,
    "department" TEXT,
    "caseId" TEXT,
    "caseNumber" TEXT,
    "summary" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "dueCovers" TEXT NOT NULL DEFAULT 'RECTIFICATION',
    "windowStaffId" TEXT,
    "founded" BOOLEAN,
    "verifiedAt" TIMESTAMP(3),
    "verifiedBy" TEXT,
    "verification" TEXT,
    "rectifiedAt" TIMESTAMP(3),
    "rectifiedBy" TEXT,
    "rectification" TEXT,
    "feedbackAt" TIMESTAMP(3),
    "feedbackBy" TEXT,
    "feedback" TEXT,
    "revisitedAt" TIMESTAMP(3),
    "revisitedBy" TEXT,
    "revisitContact" TEXT,
    "revisitSatisfied" BOOLEAN,
    "revisitNote" TEXT,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarChange" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "notice" TEXT NOT NULL,
    "holidays" TEXT NOT NULL,
    "adjustedWorkdays" TEXT NOT NULL,
    "reason" TEXT,
    "enteredBy" TEXT NOT NULL,
    "enteredAt" TIMESTAMP(3) NOT NULL,
    "changedDays" TEXT NOT NULL,

    CONSTRAINT "CalendarChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditRecord" (
    "seq" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditRecord_pkey" PRIMARY KEY ("seq")
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
CREATE INDEX "JointApplication_concludedAt_idx" ON "JointApplication"("concludedAt");

-- CreateIndex
CREATE UNIQUE INDEX "JointApplication_owner_idempotencyKey_key" ON "JointApplication"("owner", "idempotencyKey");

-- CreateIndex
CREATE INDEX "JointPart_caseId_idx" ON "JointPart"("caseId");

-- CreateIndex
CREATE INDEX "JointPart_dispatch_idx" ON "JointPart"("dispatch");

-- CreateIndex
CREATE UNIQUE INDEX "JointPart_jointId_position_key" ON "JointPart"("jointId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Bulletin_month_version_key" ON "Bulletin"("month", "version");

-- CreateIndex
CREATE INDEX "FastTrack_caseId_idx" ON "FastTrack"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "FastTrack_owner_idempotencyKey_key" ON "FastTrack"("owner", "idempotencyKey");

-- CreateIndex
CREATE INDEX "WindowAuthorization_department_idx" ON "WindowAuthorization"("department");

-- CreateIndex
CREATE UNIQUE INDEX "WindowAuthorization_staffId_itemCode_key" ON "WindowAuthorization"("staffId", "itemCode");

-- CreateIndex
CREATE UNIQUE INDEX "Applicant_idNumber_key" ON "Applicant"("idNumber");

-- CreateIndex
CREATE INDEX "Inquiry_ownerId_status_idx" ON "Inquiry"("ownerId", "status");

-- CreateIndex
CREATE INDEX "Complaint_department_receivedAt_idx" ON "Complaint"("department", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_owner_idempotencyKey_key" ON "Complaint"("owner", "idempotencyKey");

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

-- CreateIndex
CREATE UNIQUE INDEX "AuditRecord_prevHash_key" ON "AuditRecord"("prevHash");

-- CreateIndex
CREATE UNIQUE INDEX "AuditRecord_hash_key" ON "AuditRecord"("hash");

-- AddForeignKey
ALTER TABLE "Staff" ADD CONSTRAINT "Staff_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "ServiceWindow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JointPart" ADD CONSTRAINT "JointPart_jointId_fkey" FOREIGN KEY ("jointId") REFERENCES "JointApplication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inquiry" ADD CONSTRAINT "Inquiry_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "Applicant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation"("id") ON DELETE SET NULL ON UPDATE CASCADE;


CREATE OR REPLACE FUNCTION public.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit records are append-only'; END $$;
DROP TRIGGER IF EXISTS "AuditRecord_append_only" ON "AuditRecord";
CREATE TRIGGER "AuditRecord_append_only" BEFORE UPDATE OR DELETE ON "AuditRecord"
  FOR EACH ROW EXECUTE FUNCTION public.audit_append_only();
DROP TRIGGER IF EXISTS "AuditRecord_no_truncate" ON "AuditRecord";
CREATE TRIGGER "AuditRecord_no_truncate" BEFORE TRUNCATE ON "AuditRecord"
  FOR EACH STATEMENT EXECUTE FUNCTION public.audit_append_only();

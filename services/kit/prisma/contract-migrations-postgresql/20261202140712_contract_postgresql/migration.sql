-- CreateTable
CREATE TABLE "Item" (
    "code" TEXT NOT NULL,
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
    "process" TEXT NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "ItemMaterial" (
    "id" SERIAL NOT NULL,
    "itemCode" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "original" BOOLEAN NOT NULL,
    "copies" INTEGER NOT NULL DEFAULT 1,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "form" TEXT NOT NULL DEFAULT 'PAPER',
    "blankFormAvailable" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ItemMaterial_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "applicantKind" TEXT NOT NULL,
    "applicantName" TEXT NOT NULL,
    "applicantIdNumber" TEXT NOT NULL,
    "applicantKey" TEXT NOT NULL,
    "jointApplicationId" TEXT,
    "status" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "deadline" TIMESTAMP(3),
    "concludedAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "deemedAccepted" BOOLEAN NOT NULL DEFAULT false,
    "supplementRequestedAt" TIMESTAMP(3),
    "missingMaterials" TEXT,
    "suspendedAt" TIMESTAMP(3),
    "suspendedDays" INTEGER NOT NULL DEFAULT 0,
    "extendedAt" TIMESTAMP(3),
    "denialReason" TEXT,
    "denialLegalBasis" TEXT,
    "workingDaysToConclude" INTEGER,
    "verificationCode" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseDailyStats" (
    "day" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "concluded" INTEGER NOT NULL DEFAULT 0,
    "decided" INTEGER NOT NULL DEFAULT 0,
    "onTime" INTEGER NOT NULL DEFAULT 0,
    "late" INTEGER NOT NULL DEFAULT 0,
    "denials" INTEGER NOT NULL DEFAULT 0,
    "supplements" INTEGER NOT NULL DEFAULT 0,
    "durationSum" INTEGER NOT NULL DEFAULT 0,
    "durationSamples" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CaseDailyStats_pkey" PRIMARY KEY ("day","itemCode","status")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "note" TEXT,
    "materials" TEXT,
    "reason" TEXT,
    "legalBasis" TEXT,
    "procedure" TEXT,
    "expectedEnd" TIMESTAMP(3),
    "approvedBy" TEXT,
    "deadlineBefore" TIMESTAMP(3),
    "deadlineAfter" TIMESTAMP(3),

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "owner" TEXT NOT NULL DEFAULT '',
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "caseId" INTEGER NOT NULL,
    "result" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("owner","key")
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

-- CreateTable
CREATE TABLE "CalendarCopy" (
    "id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "notice" TEXT NOT NULL,
    "holidays" TEXT NOT NULL,
    "adjustedWorkdays" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarCopy_pkey" PRIMARY KEY ("id")
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

-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditRecord_prevHash_key" ON "AuditRecord"("prevHash");

-- CreateIndex
CREATE UNIQUE INDEX "AuditRecord_hash_key" ON "AuditRecord"("hash");

-- AddForeignKey
ALTER TABLE "ItemMaterial" ADD CONSTRAINT "ItemMaterial_itemCode_fkey" FOREIGN KEY ("itemCode") REFERENCES "Item"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_itemCode_fkey" FOREIGN KEY ("itemCode") REFERENCES "Item"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


CREATE OR REPLACE FUNCTION public.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit records are append-only'; END $$;
DROP TRIGGER IF EXISTS "AuditRecord_append_only" ON "AuditRecord";
CREATE TRIGGER "AuditRecord_append_only" BEFORE UPDATE OR DELETE ON "AuditRecord"
  FOR EACH ROW EXECUTE FUNCTION public.audit_append_only();
DROP TRIGGER IF EXISTS "AuditRecord_no_truncate" ON "AuditRecord";
CREATE TRIGGER "AuditRecord_no_truncate" BEFORE TRUNCATE ON "AuditRecord"
  FOR EACH STATEMENT EXECUTE FUNCTION public.audit_append_only();

-- What the contract's tables need on PostgreSQL beyond what Prisma's schema expresses: the
-- PostgreSQL twin of contract-indexes.sql and of the daily_stats contract migration's triggers
-- and index (scripts/prisma-migrations.ts appends it to a department's first PostgreSQL migration).

-- Lists ordered by deadline sort by COALESCE(deadline, <sentinel>), cases without a deadline last
-- in either direction (services/kit/src/department/case-list.ts; PostgreSQL has no year 0, so the
-- earliest sentinel is -infinity: db/sql-dialect.ts). The indexes match those expressions, and carry
-- the columns the overdue condition reads.
CREATE INDEX "Case_deadline_asc_order_idx" ON "Case"(COALESCE("deadline", '9999-12-31T23:59:59.999+00:00'), "id") INCLUDE ("deadline", "concludedAt", "suspendedAt");
CREATE INDEX "Case_deadline_desc_order_idx" ON "Case"(COALESCE("deadline", '-infinity'), "id") INCLUDE ("deadline", "concludedAt", "suspendedAt");

-- The headline numbers and the statistics' overdue count read small subsets of a large table:
-- these partial indexes hold exactly those subsets (loaders.ts, case-stats-daily.ts).
CREATE INDEX "Case_concluded_late_idx" ON "Case"("concludedAt") WHERE "concludedAt" > "deadline";
CREATE INDEX "Case_open_stats_idx" ON "Case"("deadline", "suspendedAt", "submittedAt", "itemCode", "status") WHERE "concludedAt" IS NULL;

-- The daily statistics rows, kept by a trigger in the transaction of every write to a case, as on
-- SQLite: a case's contribution to the row of its China day, item and status, added (sign 1) or
-- taken back (sign -1). The same conditions as the statistics' GROUP BY (case-stats.ts).
CREATE FUNCTION "case_daily_stats_add"(c "Case", sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CaseDailyStats" ("day", "itemCode", "status", "count", "concluded", "decided", "onTime", "late", "denials", "supplements", "durationSum", "durationSamples")
  VALUES (to_char(c."submittedAt" + interval '8 hours', 'YYYY-MM-DD'), c."itemCode", c."status",
    sign,
    sign * (c."concludedAt" IS NOT NULL)::integer,
    sign * (c."status" IN ('APPROVED', 'DENIED') AND c."deadline" IS NOT NULL)::integer,
    sign * COALESCE(c."status" IN ('APPROVED', 'DENIED') AND c."concludedAt" <= c."deadline", false)::integer,
    sign * COALESCE(c."concludedAt" > c."deadline", false)::integer,
    sign * (c."status" IN ('DENIED', 'NOT_ACCEPTED'))::integer,
    sign * (c."supplementRequestedAt" IS NOT NULL)::integer,
    sign * COALESCE(c."workingDaysToConclude", 0),
    sign * (c."workingDaysToConclude" IS NOT NULL)::integer)
  ON CONFLICT ("day", "itemCode", "status") DO UPDATE SET
    "count" = "CaseDailyStats"."count" + excluded."count",
    "concluded" = "CaseDailyStats"."concluded" + excluded."concluded",
    "decided" = "CaseDailyStats"."decided" + excluded."decided",
    "onTime" = "CaseDailyStats"."onTime" + excluded."onTime",
    "late" = "CaseDailyStats"."late" + excluded."late",
    "denials" = "CaseDailyStats"."denials" + excluded."denials",
    "supplements" = "CaseDailyStats"."supplements" + excluded."supplements",
    "durationSum" = "CaseDailyStats"."durationSum" + excluded."durationSum",
    "durationSamples" = "CaseDailyStats"."durationSamples" + excluded."durationSamples";
END $$;

CREATE FUNCTION "case_daily_stats"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM "case_daily_stats_add"(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM "case_daily_stats_add"(NEW, 1); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Case_daily_stats"
AFTER INSERT OR DELETE OR UPDATE OF "itemCode", "status", "submittedAt", "deadline", "concludedAt", "supplementRequestedAt", "workingDaysToConclude" ON "Case"
FOR EACH ROW EXECUTE FUNCTION "case_daily_stats"();

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

-- CreateTable
CREATE TABLE "CaseDailyTotals" (
    "day" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "concluded" INTEGER NOT NULL DEFAULT 0,
    "decided" INTEGER NOT NULL DEFAULT 0,
    "onTime" INTEGER NOT NULL DEFAULT 0,
    "late" INTEGER NOT NULL DEFAULT 0,
    "denials" INTEGER NOT NULL DEFAULT 0,
    "supplements" INTEGER NOT NULL DEFAULT 0,
    "durationSum" INTEGER NOT NULL DEFAULT 0,
    "durationSamples" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CaseDailyTotals_pkey" PRIMARY KEY ("day")
);



-- The totals are kept by a trigger on the daily rows, as on SQLite: a row's measures are added to
-- its day's totals (sign 1) or taken back (sign -1); an update takes back the old values and adds
-- the new (an upsert that updates fires the update trigger only).
CREATE FUNCTION "case_daily_totals_add"(r "CaseDailyStats", sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CaseDailyTotals" ("day", "count", "concluded", "decided", "onTime", "late", "denials", "supplements", "durationSum", "durationSamples")
  VALUES (r."day", sign * r."count", sign * r."concluded", sign * r."decided", sign * r."onTime", sign * r."late", sign * r."denials", sign * r."supplements", sign * r."durationSum", sign * r."durationSamples")
  ON CONFLICT ("day") DO UPDATE SET
    "count" = "CaseDailyTotals"."count" + excluded."count",
    "concluded" = "CaseDailyTotals"."concluded" + excluded."concluded",
    "decided" = "CaseDailyTotals"."decided" + excluded."decided",
    "onTime" = "CaseDailyTotals"."onTime" + excluded."onTime",
    "late" = "CaseDailyTotals"."late" + excluded."late",
    "denials" = "CaseDailyTotals"."denials" + excluded."denials",
    "supplements" = "CaseDailyTotals"."supplements" + excluded."supplements",
    "durationSum" = "CaseDailyTotals"."durationSum" + excluded."durationSum",
    "durationSamples" = "CaseDailyTotals"."durationSamples" + excluded."durationSamples";
END $$;

CREATE FUNCTION "case_daily_totals"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM "case_daily_totals_add"(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM "case_daily_totals_add"(NEW, 1); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "CaseDailyStats_totals"
AFTER INSERT OR DELETE OR UPDATE ON "CaseDailyStats"
FOR EACH ROW EXECUTE FUNCTION "case_daily_totals"();

-- The days already there.
INSERT INTO "CaseDailyTotals" ("day", "count", "concluded", "decided", "onTime", "late", "denials", "supplements", "durationSum", "durationSamples")
SELECT "day", SUM("count"), SUM("concluded"), SUM("decided"), SUM("onTime"), SUM("late"), SUM("denials"), SUM("supplements"), SUM("durationSum"), SUM("durationSamples")
FROM "CaseDailyStats" GROUP BY "day";

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

    PRIMARY KEY ("day", "itemCode", "status")
);


-- The rows are kept by triggers, so every write path (the lifecycle, the §32 sweep, deadlines
-- recomputed after a calendar change, the seeder, a repair by hand) keeps them in its own
-- transaction. A case's contribution to its row: the same conditions as the statistics' GROUP BY
-- (services/kit/src/department/case-stats.ts); a test recounts after random writes.
CREATE TRIGGER "Case_daily_stats_insert" AFTER INSERT ON "Case"
BEGIN
  INSERT INTO "CaseDailyStats" (day, itemCode, status, count, concluded, decided, onTime, late, denials, supplements, durationSum, durationSamples)
  VALUES (date(NEW.submittedAt, '+8 hours'), NEW.itemCode, NEW.status,
    1,
    NEW.concludedAt IS NOT NULL,
    NEW.status IN ('APPROVED', 'DENIED') AND NEW.deadline IS NOT NULL,
    COALESCE(NEW.status IN ('APPROVED', 'DENIED') AND NEW.concludedAt <= NEW.deadline, 0),
    COALESCE(NEW.concludedAt > NEW.deadline, 0),
    NEW.status IN ('DENIED', 'NOT_ACCEPTED'),
    NEW.supplementRequestedAt IS NOT NULL,
    COALESCE(NEW.workingDaysToConclude, 0),
    NEW.workingDaysToConclude IS NOT NULL)
  ON CONFLICT (day, itemCode, status) DO UPDATE SET
    "count" = "count" + excluded."count",
    "concluded" = "concluded" + excluded."concluded",
    "decided" = "decided" + excluded."decided",
    "onTime" = "onTime" + excluded."onTime",
    "late" = "late" + excluded."late",
    "denials" = "denials" + excluded."denials",
    "supplements" = "supplements" + excluded."supplements",
    "durationSum" = "durationSum" + excluded."durationSum",
    "durationSamples" = "durationSamples" + excluded."durationSamples";
END;

CREATE TRIGGER "Case_daily_stats_update"
AFTER UPDATE OF itemCode, status, submittedAt, deadline, concludedAt, supplementRequestedAt, workingDaysToConclude ON "Case"
BEGIN
  UPDATE "CaseDailyStats" SET
    "count" = "count" - (1),
    "concluded" = "concluded" - (OLD.concludedAt IS NOT NULL),
    "decided" = "decided" - (OLD.status IN ('APPROVED', 'DENIED') AND OLD.deadline IS NOT NULL),
    "onTime" = "onTime" - (COALESCE(OLD.status IN ('APPROVED', 'DENIED') AND OLD.concludedAt <= OLD.deadline, 0)),
    "late" = "late" - (COALESCE(OLD.concludedAt > OLD.deadline, 0)),
    "denials" = "denials" - (OLD.status IN ('DENIED', 'NOT_ACCEPTED')),
    "supplements" = "supplements" - (OLD.supplementRequestedAt IS NOT NULL),
    "durationSum" = "durationSum" - (COALESCE(OLD.workingDaysToConclude, 0)),
    "durationSamples" = "durationSamples" - (OLD.workingDaysToConclude IS NOT NULL)
  WHERE day = date(OLD.submittedAt, '+8 hours') AND itemCode = OLD.itemCode AND status = OLD.status;
  INSERT INTO "CaseDailyStats" (day, itemCode, status, count, concluded, decided, onTime, late, denials, supplements, durationSum, durationSamples)
  VALUES (date(NEW.submittedAt, '+8 hours'), NEW.itemCode, NEW.status,
    1,
    NEW.concludedAt IS NOT NULL,
    NEW.status IN ('APPROVED', 'DENIED') AND NEW.deadline IS NOT NULL,
    COALESCE(NEW.status IN ('APPROVED', 'DENIED') AND NEW.concludedAt <= NEW.deadline, 0),
    COALESCE(NEW.concludedAt > NEW.deadline, 0),
    NEW.status IN ('DENIED', 'NOT_ACCEPTED'),
    NEW.supplementRequestedAt IS NOT NULL,
    COALESCE(NEW.workingDaysToConclude, 0),
    NEW.workingDaysToConclude IS NOT NULL)
  ON CONFLICT (day, itemCode, status) DO UPDATE SET
    "count" = "count" + excluded."count",
    "concluded" = "concluded" + excluded."concluded",
    "decided" = "decided" + excluded."decided",
    "onTime" = "onTime" + excluded."onTime",
    "late" = "late" + excluded."late",
    "denials" = "denials" + excluded."denials",
    "supplements" = "supplements" + excluded."supplements",
    "durationSum" = "durationSum" + excluded."durationSum",
    "durationSamples" = "durationSamples" + excluded."durationSamples";
END;

CREATE TRIGGER "Case_daily_stats_delete" AFTER DELETE ON "Case"
BEGIN
  UPDATE "CaseDailyStats" SET
    "count" = "count" - (1),
    "concluded" = "concluded" - (OLD.concludedAt IS NOT NULL),
    "decided" = "decided" - (OLD.status IN ('APPROVED', 'DENIED') AND OLD.deadline IS NOT NULL),
    "onTime" = "onTime" - (COALESCE(OLD.status IN ('APPROVED', 'DENIED') AND OLD.concludedAt <= OLD.deadline, 0)),
    "late" = "late" - (COALESCE(OLD.concludedAt > OLD.deadline, 0)),
    "denials" = "denials" - (OLD.status IN ('DENIED', 'NOT_ACCEPTED')),
    "supplements" = "supplements" - (OLD.supplementRequestedAt IS NOT NULL),
    "durationSum" = "durationSum" - (COALESCE(OLD.workingDaysToConclude, 0)),
    "durationSamples" = "durationSamples" - (OLD.workingDaysToConclude IS NOT NULL)
  WHERE day = date(OLD.submittedAt, '+8 hours') AND itemCode = OLD.itemCode AND status = OLD.status;
END;

-- The cases already there.
INSERT INTO "CaseDailyStats" (day, itemCode, status, count, concluded, decided, onTime, late, denials, supplements, durationSum, durationSamples)
SELECT date(submittedAt, '+8 hours'), itemCode, status,
  COUNT(*),
  SUM(concludedAt IS NOT NULL),
  SUM(status IN ('APPROVED', 'DENIED') AND deadline IS NOT NULL),
  SUM(COALESCE(status IN ('APPROVED', 'DENIED') AND concludedAt <= deadline, 0)),
  SUM(COALESCE(concludedAt > deadline, 0)),
  SUM(status IN ('DENIED', 'NOT_ACCEPTED')),
  SUM(supplementRequestedAt IS NOT NULL),
  SUM(COALESCE(workingDaysToConclude, 0)),
  SUM(workingDaysToConclude IS NOT NULL)
FROM "Case" GROUP BY 1, 2, 3;

-- Open cases past their deadline are counted when statistics are asked, since the clock decides
-- them. This partial index holds every open case with the columns that count filters and groups
-- by, concludedAt included (always null here, but SQLite reads an index as covering only when it
-- holds every column the query names), so it never reads the table. It replaces
-- Case_open_clock_idx, whose columns it starts with.
DROP INDEX "Case_open_clock_idx";
CREATE INDEX "Case_open_stats_idx" ON "Case"(deadline, suspendedAt, submittedAt, itemCode, status, concludedAt) WHERE concludedAt IS NULL;

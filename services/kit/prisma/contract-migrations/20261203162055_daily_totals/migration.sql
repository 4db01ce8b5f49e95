-- CreateTable
CREATE TABLE "CaseDailyTotals" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 0,
    "concluded" INTEGER NOT NULL DEFAULT 0,
    "decided" INTEGER NOT NULL DEFAULT 0,
    "onTime" INTEGER NOT NULL DEFAULT 0,
    "late" INTEGER NOT NULL DEFAULT 0,
    "denials" INTEGER NOT NULL DEFAULT 0,
    "supplements" INTEGER NOT NULL DEFAULT 0,
    "durationSum" INTEGER NOT NULL DEFAULT 0,
    "durationSamples" INTEGER NOT NULL DEFAULT 0
);



-- The totals are kept by triggers on the daily rows, whatever changed those (the rows' own
-- triggers on "Case", a repair by hand): a row's measures are added to its day's totals when it is
-- inserted, moved from the old to the new values when it is updated (an upsert that updates fires
-- the update trigger only), and taken back when it is deleted. A test recounts them after random writes.
CREATE TRIGGER "CaseDailyStats_totals_insert" AFTER INSERT ON "CaseDailyStats"
BEGIN
  INSERT INTO "CaseDailyTotals" (day, count, concluded, decided, onTime, late, denials, supplements, durationSum, durationSamples)
  VALUES (NEW.day, NEW.count, NEW.concluded, NEW.decided, NEW.onTime, NEW.late, NEW.denials, NEW.supplements, NEW.durationSum, NEW.durationSamples)
  ON CONFLICT (day) DO UPDATE SET
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

CREATE TRIGGER "CaseDailyStats_totals_update" AFTER UPDATE ON "CaseDailyStats"
BEGIN
  UPDATE "CaseDailyTotals" SET
    "count" = "count" - OLD."count",
    "concluded" = "concluded" - OLD."concluded",
    "decided" = "decided" - OLD."decided",
    "onTime" = "onTime" - OLD."onTime",
    "late" = "late" - OLD."late",
    "denials" = "denials" - OLD."denials",
    "supplements" = "supplements" - OLD."supplements",
    "durationSum" = "durationSum" - OLD."durationSum",
    "durationSamples" = "durationSamples" - OLD."durationSamples"
  WHERE day = OLD.day;
  INSERT INTO "CaseDailyTotals" (day, count, concluded, decided, onTime, late, denials, supplements, durationSum, durationSamples)
  VALUES (NEW.day, NEW.count, NEW.concluded, NEW.decided, NEW.onTime, NEW.late, NEW.denials, NEW.supplements, NEW.durationSum, NEW.durationSamples)
  ON CONFLICT (day) DO UPDATE SET
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

CREATE TRIGGER "CaseDailyStats_totals_delete" AFTER DELETE ON "CaseDailyStats"
BEGIN
  UPDATE "CaseDailyTotals" SET
    "count" = "count" - OLD."count",
    "concluded" = "concluded" - OLD."concluded",
    "decided" = "decided" - OLD."decided",
    "onTime" = "onTime" - OLD."onTime",
    "late" = "late" - OLD."late",
    "denials" = "denials" - OLD."denials",
    "supplements" = "supplements" - OLD."supplements",
    "durationSum" = "durationSum" - OLD."durationSum",
    "durationSamples" = "durationSamples" - OLD."durationSamples"
  WHERE day = OLD.day;
END;

-- The days already there.
INSERT INTO "CaseDailyTotals" (day, count, concluded, decided, onTime, late, denials, supplements, durationSum, durationSamples)
SELECT day, SUM(count), SUM(concluded), SUM(decided), SUM(onTime), SUM(late), SUM(denials), SUM(supplements), SUM(durationSum), SUM(durationSamples)
FROM "CaseDailyStats" GROUP BY day;

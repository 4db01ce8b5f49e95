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
CREATE INDEX "CalendarChange_year_id_idx" ON "CalendarChange"("year", "id");


-- AlterTable
ALTER TABLE "CaseEvent" ADD COLUMN "deadlineAfter" DATETIME;
ALTER TABLE "CaseEvent" ADD COLUMN "deadlineBefore" DATETIME;

-- CreateTable
CREATE TABLE "CalendarCopy" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "notice" TEXT NOT NULL,
    "holidays" TEXT NOT NULL,
    "adjustedWorkdays" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL
);


-- CreateTable
CREATE TABLE "Bulletin" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "month" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "rows" TEXT NOT NULL,
    "generatedAt" DATETIME NOT NULL,
    "generatedBy" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Bulletin_month_version_key" ON "Bulletin"("month", "version");


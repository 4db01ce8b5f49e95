-- CreateTable
CREATE TABLE "FastTrack" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idempotencyKey" TEXT NOT NULL,
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

-- CreateIndex
CREATE UNIQUE INDEX "FastTrack_idempotencyKey_key" ON "FastTrack"("idempotencyKey");

-- CreateIndex
CREATE INDEX "FastTrack_caseId_idx" ON "FastTrack"("caseId");


-- CreateTable
CREATE TABLE "ServiceWindow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "departmentCode" TEXT
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "departmentCode" TEXT,
    "windowId" TEXT,
    CONSTRAINT "Staff_windowId_fkey" FOREIGN KEY ("windowId") REFERENCES "ServiceWindow" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Staff_windowId_idx" ON "Staff"("windowId");


-- CreateTable
CREATE TABLE "WindowAuthorization" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "staffId" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "grantedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "WindowAuthorization_department_idx" ON "WindowAuthorization"("department");

-- CreateIndex
CREATE UNIQUE INDEX "WindowAuthorization_staffId_itemCode_key" ON "WindowAuthorization"("staffId", "itemCode");


-- CreateTable
CREATE TABLE "JointApplication" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idempotencyKey" TEXT NOT NULL,
    "projectName" TEXT NOT NULL,
    "applicantKind" TEXT NOT NULL,
    "applicantName" TEXT NOT NULL,
    "applicantIdNumber" TEXT NOT NULL,
    "leadDepartment" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JointPart" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jointId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "department" TEXT NOT NULL,
    "itemCode" TEXT NOT NULL,
    "dependsOn" INTEGER,
    "dispatch" TEXT NOT NULL,
    "caseId" TEXT,
    "caseStatus" TEXT,
    "dispatchedAt" DATETIME,
    "acceptedAt" DATETIME,
    "approvedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    CONSTRAINT "JointPart_jointId_fkey" FOREIGN KEY ("jointId") REFERENCES "JointApplication" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "JointApplication_idempotencyKey_key" ON "JointApplication"("idempotencyKey");

-- CreateIndex
CREATE INDEX "JointPart_caseId_idx" ON "JointPart"("caseId");

-- CreateIndex
CREATE INDEX "JointPart_dispatch_idx" ON "JointPart"("dispatch");

-- CreateIndex
CREATE UNIQUE INDEX "JointPart_jointId_position_key" ON "JointPart"("jointId", "position");


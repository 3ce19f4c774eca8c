-- CreateTable
CREATE TABLE "Stack" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "createdBy" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "StackVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stackId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "compose" TEXT NOT NULL,
    "env" TEXT NOT NULL DEFAULT '',
    "message" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    CONSTRAINT "StackVersion_stackId_fkey" FOREIGN KEY ("stackId") REFERENCES "Stack" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StackDeployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stackId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "serviceHashes" TEXT NOT NULL DEFAULT '{}',
    "operationId" TEXT,
    "updatedAt" DATETIME NOT NULL,
    "deployedAt" DATETIME,
    CONSTRAINT "StackDeployment_stackId_fkey" FOREIGN KEY ("stackId") REFERENCES "Stack" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StackDeployment_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Stack_name_key" ON "Stack"("name");

-- CreateIndex
CREATE UNIQUE INDEX "StackVersion_stackId_number_key" ON "StackVersion"("stackId", "number");

-- CreateIndex
CREATE INDEX "StackDeployment_hostId_idx" ON "StackDeployment"("hostId");

-- CreateIndex
CREATE UNIQUE INDEX "StackDeployment_stackId_hostId_key" ON "StackDeployment"("stackId", "hostId");

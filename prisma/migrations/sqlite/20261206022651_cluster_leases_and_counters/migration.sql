-- CreateTable
CREATE TABLE "ClusterLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ThrottleCounter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" DATETIME NOT NULL,
    "blockedUntil" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ThrottleCounter_lastFailureAt_idx" ON "ThrottleCounter"("lastFailureAt");

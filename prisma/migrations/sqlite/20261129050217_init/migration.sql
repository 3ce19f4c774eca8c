-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastLoginAt" DATETIME
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Host" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "credentialHash" TEXT,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enrolledAt" DATETIME,
    "lastSeenAt" DATETIME,
    "hostname" TEXT,
    "kernel" TEXT,
    "os" TEXT,
    "arch" TEXT,
    "cgroupVersion" INTEGER,
    "cpus" INTEGER,
    "memoryBytes" BIGINT,
    "runcVersion" TEXT,
    "crunVersion" TEXT,
    "conmonVersion" TEXT,
    "agentVersion" TEXT
);

-- CreateTable
CREATE TABLE "JoinToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "secretHash" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "JoinToken_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Image" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "hostId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "digest" TEXT,
    "repoTags" TEXT NOT NULL DEFAULT '[]',
    "repoDigests" TEXT NOT NULL DEFAULT '[]',
    "size" BIGINT NOT NULL,
    "createdAt" DATETIME,
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Image_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Layer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "hostId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "diffId" TEXT,
    "size" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "ImageLayer" (
    "imageId" TEXT NOT NULL,
    "layerId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("imageId", "layerId"),
    CONSTRAINT "ImageLayer_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ImageLayer_layerId_fkey" FOREIGN KEY ("layerId") REFERENCES "Layer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Container" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "hostId" TEXT NOT NULL,
    "engineId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "image" TEXT NOT NULL,
    "imageId" TEXT,
    "command" TEXT NOT NULL DEFAULT '[]',
    "state" TEXT NOT NULL,
    "exitCode" INTEGER,
    "oomKilled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "ports" TEXT NOT NULL DEFAULT '[]',
    "limits" TEXT NOT NULL DEFAULT '{}',
    "labels" TEXT NOT NULL DEFAULT '{}',
    "restartPolicy" TEXT NOT NULL DEFAULT 'no',
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Container_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatsRollup" (
    "containerId" TEXT NOT NULL,
    "minute" DATETIME NOT NULL,
    "samples" INTEGER NOT NULL,
    "cpuPercentAvg" REAL,
    "cpuPercentMax" REAL,
    "cpuThrottledNs" BIGINT,
    "memoryUsageAvg" BIGINT,
    "memoryUsageMax" BIGINT,
    "memoryWorkingSet" BIGINT,
    "memoryLimit" BIGINT,
    "ioReadBytes" BIGINT,
    "ioWriteBytes" BIGINT,
    "pidsMax" INTEGER,
    "netRxBytes" BIGINT,
    "netTxBytes" BIGINT,

    PRIMARY KEY ("containerId", "minute"),
    CONSTRAINT "StatsRollup_containerId_fkey" FOREIGN KEY ("containerId") REFERENCES "Container" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "ip" TEXT,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Host_name_key" ON "Host"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Host_credentialHash_key" ON "Host"("credentialHash");

-- CreateIndex
CREATE INDEX "JoinToken_hostId_idx" ON "JoinToken"("hostId");

-- CreateIndex
CREATE INDEX "Image_hostId_idx" ON "Image"("hostId");

-- CreateIndex
CREATE UNIQUE INDEX "Image_hostId_imageId_key" ON "Image"("hostId", "imageId");

-- CreateIndex
CREATE UNIQUE INDEX "Layer_hostId_digest_key" ON "Layer"("hostId", "digest");

-- CreateIndex
CREATE INDEX "ImageLayer_layerId_idx" ON "ImageLayer"("layerId");

-- CreateIndex
CREATE INDEX "Container_state_idx" ON "Container"("state");

-- CreateIndex
CREATE UNIQUE INDEX "Container_hostId_engineId_key" ON "Container"("hostId", "engineId");

-- CreateIndex
CREATE UNIQUE INDEX "Container_hostId_name_key" ON "Container"("hostId", "name");

-- CreateIndex
CREATE INDEX "StatsRollup_minute_idx" ON "StatsRollup"("minute");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_idx" ON "AuditEvent"("actorId");

-- CreateIndex
CREATE INDEX "AuditEvent_action_idx" ON "AuditEvent"("action");

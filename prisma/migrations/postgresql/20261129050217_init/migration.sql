-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastLoginAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Host" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "credentialHash" TEXT,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enrolledAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3),
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
    "agentVersion" TEXT,

    CONSTRAINT "Host_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JoinToken" (
    "id" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "JoinToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Image" (
    "id" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "imageId" TEXT NOT NULL,
    "digest" TEXT,
    "repoTags" TEXT NOT NULL DEFAULT '[]',
    "repoDigests" TEXT NOT NULL DEFAULT '[]',
    "size" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Image_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Layer" (
    "id" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "diffId" TEXT,
    "size" BIGINT NOT NULL,

    CONSTRAINT "Layer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImageLayer" (
    "imageId" TEXT NOT NULL,
    "layerId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ImageLayer_pkey" PRIMARY KEY ("imageId","layerId")
);

-- CreateTable
CREATE TABLE "Container" (
    "id" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "engineId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "image" TEXT NOT NULL,
    "imageId" TEXT,
    "command" TEXT NOT NULL DEFAULT '[]',
    "state" TEXT NOT NULL,
    "exitCode" INTEGER,
    "oomKilled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "ports" TEXT NOT NULL DEFAULT '[]',
    "limits" TEXT NOT NULL DEFAULT '{}',
    "labels" TEXT NOT NULL DEFAULT '{}',
    "restartPolicy" TEXT NOT NULL DEFAULT 'no',
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Container_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatsRollup" (
    "containerId" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "samples" INTEGER NOT NULL,
    "cpuPercentAvg" DOUBLE PRECISION,
    "cpuPercentMax" DOUBLE PRECISION,
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

    CONSTRAINT "StatsRollup_pkey" PRIMARY KEY ("containerId","minute")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "ip" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JoinToken" ADD CONSTRAINT "JoinToken_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Image" ADD CONSTRAINT "Image_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImageLayer" ADD CONSTRAINT "ImageLayer_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImageLayer" ADD CONSTRAINT "ImageLayer_layerId_fkey" FOREIGN KEY ("layerId") REFERENCES "Layer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Container" ADD CONSTRAINT "Container_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatsRollup" ADD CONSTRAINT "StatsRollup_containerId_fkey" FOREIGN KEY ("containerId") REFERENCES "Container"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

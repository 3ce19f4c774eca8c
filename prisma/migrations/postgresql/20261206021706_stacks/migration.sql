-- CreateTable
CREATE TABLE "Stack" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,

    CONSTRAINT "Stack_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StackVersion" (
    "id" TEXT NOT NULL,
    "stackId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "compose" TEXT NOT NULL,
    "env" TEXT NOT NULL DEFAULT '',
    "message" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,

    CONSTRAINT "StackVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StackDeployment" (
    "id" TEXT NOT NULL,
    "stackId" TEXT NOT NULL,
    "hostId" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "serviceHashes" TEXT NOT NULL DEFAULT '{}',
    "operationId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deployedAt" TIMESTAMP(3),

    CONSTRAINT "StackDeployment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Stack_name_key" ON "Stack"("name");

-- CreateIndex
CREATE UNIQUE INDEX "StackVersion_stackId_number_key" ON "StackVersion"("stackId", "number");

-- CreateIndex
CREATE INDEX "StackDeployment_hostId_idx" ON "StackDeployment"("hostId");

-- CreateIndex
CREATE UNIQUE INDEX "StackDeployment_stackId_hostId_key" ON "StackDeployment"("stackId", "hostId");

-- AddForeignKey
ALTER TABLE "StackVersion" ADD CONSTRAINT "StackVersion_stackId_fkey" FOREIGN KEY ("stackId") REFERENCES "Stack"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StackDeployment" ADD CONSTRAINT "StackDeployment_stackId_fkey" FOREIGN KEY ("stackId") REFERENCES "Stack"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StackDeployment" ADD CONSTRAINT "StackDeployment_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

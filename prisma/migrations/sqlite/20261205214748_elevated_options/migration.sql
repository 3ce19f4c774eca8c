-- AlterTable
ALTER TABLE "Host" ADD COLUMN "policy" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Container" (
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
    "elevated" TEXT NOT NULL DEFAULT '[]',
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Container_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Container" ("command", "createdAt", "engineId", "exitCode", "finishedAt", "hostId", "id", "image", "imageId", "labels", "limits", "name", "oomKilled", "ports", "restartPolicy", "startedAt", "state", "syncedAt") SELECT "command", "createdAt", "engineId", "exitCode", "finishedAt", "hostId", "id", "image", "imageId", "labels", "limits", "name", "oomKilled", "ports", "restartPolicy", "startedAt", "state", "syncedAt" FROM "Container";
DROP TABLE "Container";
ALTER TABLE "new_Container" RENAME TO "Container";
CREATE INDEX "Container_state_idx" ON "Container"("state");
CREATE UNIQUE INDEX "Container_hostId_engineId_key" ON "Container"("hostId", "engineId");
CREATE UNIQUE INDEX "Container_hostId_name_key" ON "Container"("hostId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

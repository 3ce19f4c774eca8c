-- CreateTable
CREATE TABLE "RegistryGrant" (
    "registry" TEXT NOT NULL PRIMARY KEY,
    "grantedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RegistryCredential" (
    "registry" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "storedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

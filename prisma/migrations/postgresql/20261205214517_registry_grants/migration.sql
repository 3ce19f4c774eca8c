-- CreateTable
CREATE TABLE "RegistryGrant" (
    "registry" TEXT NOT NULL,
    "grantedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegistryGrant_pkey" PRIMARY KEY ("registry")
);

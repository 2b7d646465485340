-- Every date is shown in the viewer's own time zone: remember it per user.
ALTER TABLE "User" ADD COLUMN "timeZone" TEXT NOT NULL DEFAULT 'UTC';

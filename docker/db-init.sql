-- Run by the one-shot db-init service of docker-compose.yml as sa, before the app starts; safe to run again.
-- The app connects as promoadmin_app: it owns the PromoAdmin database (db_owner, as its start-up migrations change the
-- schema and turn on READ_COMMITTED_SNAPSHOT) and has no rights on the server or on any other database.
-- $(AppPassword) is passed by sqlcmd -v from PROMOADMIN_DB_PASSWORD (it may not contain ' or ").
IF DB_ID(N'PromoAdmin') IS NULL
    CREATE DATABASE [PromoAdmin];
GO

IF SUSER_ID(N'promoadmin_app') IS NULL
    CREATE LOGIN [promoadmin_app] WITH PASSWORD = N'$(AppPassword)', DEFAULT_DATABASE = [PromoAdmin], CHECK_POLICY = ON;
ELSE
    -- The password follows the environment: changing PROMOADMIN_DB_PASSWORD and running db-init again changes it.
    ALTER LOGIN [promoadmin_app] WITH PASSWORD = N'$(AppPassword)';
GO

USE [PromoAdmin];
GO

IF USER_ID(N'promoadmin_app') IS NULL
    CREATE USER [promoadmin_app] FOR LOGIN [promoadmin_app];
IF IS_ROLEMEMBER(N'db_owner', N'promoadmin_app') = 0
    ALTER ROLE [db_owner] ADD MEMBER [promoadmin_app];
GO

/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;
DROP TABLE IF EXISTS `change_counters`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `change_counters` (
  `conversation_id` binary(16) NOT NULL,
  `last_version` bigint(20) unsigned NOT NULL,
  PRIMARY KEY (`conversation_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `change_counters` WRITE;
/*!40000 ALTER TABLE `change_counters` DISABLE KEYS */;
/*!40000 ALTER TABLE `change_counters` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `conversations`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `conversations` (
  `id` binary(16) NOT NULL,
  `kind` enum('direct','group') NOT NULL,
  `title` varchar(100) DEFAULT NULL,
  `direct_low` binary(16) DEFAULT NULL,
  `direct_high` binary(16) DEFAULT NULL,
  `created_by` binary(16) NOT NULL,
  `created_at` datetime(6) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `conversations_direct_pair` (`direct_low`,`direct_high`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `conversations` WRITE;
/*!40000 ALTER TABLE `conversations` DISABLE KEYS */;
INSERT INTO `conversations` VALUES (0xAA67AF45276B41D68E4810E678598E04,'direct',NULL,0x2CDC49B58711477981B2C2A064F27DA9,0x60CF304BE68946B2927BD33FAE95345F,0x60CF304BE68946B2927BD33FAE95345F,'2026-12-01 23:29:34.480482');
INSERT INTO `conversations` VALUES (0xC61989F794F945229E7433E52C976EA8,'group','Team 团队',NULL,NULL,0x60CF304BE68946B2927BD33FAE95345F,'2026-12-01 23:29:34.949045');
INSERT INTO `conversations` VALUES (0xF79EBC25DFC84D4E8701E29B779CAAC2,'direct',NULL,0x7160B617239F47DE8C99313325F66976,0xD18974D9C57A4B77BA27EA25C32FF188,0x7160B617239F47DE8C99313325F66976,'2026-12-01 23:29:35.513897');
/*!40000 ALTER TABLE `conversations` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `delivered`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `delivered` (
  `conversation_id` binary(16) NOT NULL,
  `user_id` binary(16) NOT NULL,
  `seq` bigint(20) unsigned NOT NULL,
  PRIMARY KEY (`conversation_id`,`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `delivered` WRITE;
/*!40000 ALTER TABLE `delivered` DISABLE KEYS */;
INSERT INTO `delivered` VALUES (0xAA67AF45276B41D68E4810E678598E04,0x60CF304BE68946B2927BD33FAE95345F,7);
INSERT INTO `delivered` VALUES (0xC61989F794F945229E7433E52C976EA8,0xD18974D9C57A4B77BA27EA25C32FF188,18);
/*!40000 ALTER TABLE `delivered` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `mentions`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `mentions` (
  `conversation_id` binary(16) NOT NULL,
  `seq` bigint(20) unsigned NOT NULL,
  `user_id` binary(16) NOT NULL,
  PRIMARY KEY (`conversation_id`,`seq`,`user_id`),
  KEY `unread` (`conversation_id`,`user_id`,`seq`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `mentions` WRITE;
/*!40000 ALTER TABLE `mentions` DISABLE KEYS */;
/*!40000 ALTER TABLE `mentions` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `message_changes`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `message_changes` (
  `conversation_id` binary(16) NOT NULL,
  `seq` bigint(20) unsigned NOT NULL,
  `version` bigint(20) unsigned NOT NULL,
  `state` mediumtext NOT NULL,
  PRIMARY KEY (`conversation_id`,`seq`),
  UNIQUE KEY `by_version` (`conversation_id`,`version`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `message_changes` WRITE;
/*!40000 ALTER TABLE `message_changes` DISABLE KEYS */;
/*!40000 ALTER TABLE `message_changes` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `message_counters`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `message_counters` (
  `conversation_id` binary(16) NOT NULL,
  `last_seq` bigint(20) unsigned NOT NULL,
  PRIMARY KEY (`conversation_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `message_counters` WRITE;
/*!40000 ALTER TABLE `message_counters` DISABLE KEYS */;
/*!40000 ALTER TABLE `message_counters` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `message_terms`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `message_terms` (
  `conversation_id` binary(16) NOT NULL,
  `term` bigint(20) unsigned NOT NULL,
  `created_at` datetime(6) NOT NULL,
  `seq` bigint(20) unsigned NOT NULL,
  PRIMARY KEY (`conversation_id`,`term`,`created_at`,`seq`),
  KEY `by_message` (`conversation_id`,`seq`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `message_terms` WRITE;
/*!40000 ALTER TABLE `message_terms` DISABLE KEYS */;
/*!40000 ALTER TABLE `message_terms` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `messages`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `messages` (
  `conversation_id` binary(16) NOT NULL,
  `seq` bigint(20) unsigned NOT NULL,
  `id` binary(16) NOT NULL,
  `sender_id` binary(16) NOT NULL,
  `kind` enum('text','image','file','system') NOT NULL,
  `body` text CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `client_msg_id` varchar(64) CHARACTER SET ascii COLLATE ascii_bin DEFAULT NULL,
  `reply_to` bigint(20) unsigned DEFAULT NULL,
  `created_at` datetime(6) NOT NULL,
  PRIMARY KEY (`conversation_id`,`seq`),
  UNIQUE KEY `messages_id` (`id`),
  UNIQUE KEY `messages_client_id` (`conversation_id`,`sender_id`,`client_msg_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `messages` WRITE;
/*!40000 ALTER TABLE `messages` DISABLE KEYS */;
/*!40000 ALTER TABLE `messages` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `mutes`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `mutes` (
  `conversation_id` binary(16) NOT NULL,
  `user_id` binary(16) NOT NULL,
  PRIMARY KEY (`conversation_id`,`user_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `mutes` WRITE;
/*!40000 ALTER TABLE `mutes` DISABLE KEYS */;
INSERT INTO `mutes` VALUES (0xAA67AF45276B41D68E4810E678598E04,0x2CDC49B58711477981B2C2A064F27DA9);
/*!40000 ALTER TABLE `mutes` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `participants`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `participants` (
  `conversation_id` binary(16) NOT NULL,
  `user_id` binary(16) NOT NULL,
  `role` enum('owner','admin','member') NOT NULL,
  `joined_at` datetime(6) NOT NULL,
  `last_read_seq` bigint(20) unsigned NOT NULL DEFAULT 0,
  `ord` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  PRIMARY KEY (`conversation_id`,`user_id`),
  KEY `participants_user` (`user_id`),
  KEY `participants_ord` (`ord`)
) ENGINE=InnoDB AUTO_INCREMENT=10 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `participants` WRITE;
/*!40000 ALTER TABLE `participants` DISABLE KEYS */;
INSERT INTO `participants` VALUES (0xAA67AF45276B41D68E4810E678598E04,0x2CDC49B58711477981B2C2A064F27DA9,'member','2026-12-01 23:29:34.480482',8,2);
INSERT INTO `participants` VALUES (0xAA67AF45276B41D68E4810E678598E04,0x60CF304BE68946B2927BD33FAE95345F,'owner','2026-12-01 23:29:34.480482',5,1);
INSERT INTO `participants` VALUES (0xC61989F794F945229E7433E52C976EA8,0x2CDC49B58711477981B2C2A064F27DA9,'member','2026-12-01 23:29:34.949045',3,4);
INSERT INTO `participants` VALUES (0xC61989F794F945229E7433E52C976EA8,0x60CF304BE68946B2927BD33FAE95345F,'owner','2026-12-01 23:29:34.949045',0,3);
INSERT INTO `participants` VALUES (0xC61989F794F945229E7433E52C976EA8,0x7160B617239F47DE8C99313325F66976,'member','2026-12-01 23:29:34.949045',18,5);
INSERT INTO `participants` VALUES (0xC61989F794F945229E7433E52C976EA8,0xD18974D9C57A4B77BA27EA25C32FF188,'member','2026-12-01 23:29:35.349725',0,7);
INSERT INTO `participants` VALUES (0xF79EBC25DFC84D4E8701E29B779CAAC2,0x7160B617239F47DE8C99313325F66976,'owner','2026-12-01 23:29:35.513897',0,8);
INSERT INTO `participants` VALUES (0xF79EBC25DFC84D4E8701E29B779CAAC2,0xD18974D9C57A4B77BA27EA25C32FF188,'member','2026-12-01 23:29:35.513897',0,9);
/*!40000 ALTER TABLE `participants` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `schema_migrations`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `schema_migrations` (
  `version` int(10) unsigned NOT NULL,
  `name` varchar(100) NOT NULL,
  `applied_at` datetime(6) NOT NULL,
  PRIMARY KEY (`version`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `schema_migrations` WRITE;
/*!40000 ALTER TABLE `schema_migrations` DISABLE KEYS */;
INSERT INTO `schema_migrations` VALUES (1,'initial','2026-12-01 23:29:33.811660');
INSERT INTO `schema_migrations` VALUES (2,'mutes','2026-12-01 23:29:33.815264');
INSERT INTO `schema_migrations` VALUES (3,'message_changes','2026-12-01 23:29:33.833050');
/*!40000 ALTER TABLE `schema_migrations` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `search_watermark`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `search_watermark` (
  `conversation_id` binary(16) NOT NULL,
  `indexed_seq` bigint(20) unsigned NOT NULL,
  PRIMARY KEY (`conversation_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `search_watermark` WRITE;
/*!40000 ALTER TABLE `search_watermark` DISABLE KEYS */;
/*!40000 ALTER TABLE `search_watermark` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `sessions`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `sessions` (
  `token_hash` char(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  `user_id` binary(16) NOT NULL,
  `created_at` datetime(6) NOT NULL,
  `expires_at` datetime(6) NOT NULL,
  PRIMARY KEY (`token_hash`),
  KEY `sessions_user` (`user_id`),
  KEY `sessions_expiry` (`expires_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `sessions` WRITE;
/*!40000 ALTER TABLE `sessions` DISABLE KEYS */;
INSERT INTO `sessions` VALUES ('1b3a38f5cee320df553bb0cf101743668904660b5cfa022838ad4add1df318cd',0x60CF304BE68946B2927BD33FAE95345F,'2026-12-01 23:29:38.333656','2126-11-07 23:29:38.333656');
INSERT INTO `sessions` VALUES ('216c7c43d67cfe1b6ec1d9458873f5587135d7041b2b5fd4e9af24f2aec55334',0x7160B617239F47DE8C99313325F66976,'2026-12-01 23:29:34.190773','2126-11-07 23:29:34.190773');
INSERT INTO `sessions` VALUES ('2b264aeccbbf321ce435d6b6bd5573563473bf0d828121032a0e551103000c1b',0xD18974D9C57A4B77BA27EA25C32FF188,'2026-12-01 23:29:34.461494','2126-11-07 23:29:34.461494');
INSERT INTO `sessions` VALUES ('67dca2653d3c76d9692adedf7bd31f8eb72325835836a681701f7fda04929da2',0x2CDC49B58711477981B2C2A064F27DA9,'2026-12-01 23:29:34.089525','2126-11-07 23:29:34.089525');
INSERT INTO `sessions` VALUES ('7b32cd7a31defe8d2186316a8171f877468f59382f995c7f66797669dd620bb9',0x60CF304BE68946B2927BD33FAE95345F,'2026-12-01 23:29:33.972453','2126-11-07 23:29:33.972453');
/*!40000 ALTER TABLE `sessions` ENABLE KEYS */;
UNLOCK TABLES;
DROP TABLE IF EXISTS `users`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `users` (
  `id` binary(16) NOT NULL,
  `username` varchar(32) NOT NULL,
  `username_key` varchar(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `display_name` varchar(64) NOT NULL,
  `password_hash` varchar(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  `role` enum('user','admin') NOT NULL,
  `banned` tinyint(1) NOT NULL DEFAULT 0,
  `created_at` datetime(6) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `users_username_key` (`username_key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

LOCK TABLES `users` WRITE;
/*!40000 ALTER TABLE `users` DISABLE KEYS */;
INSERT INTO `users` VALUES (0x2CDC49B58711477981B2C2A064F27DA9,'bob','bob','Bob B.','$argon2id$v=19$m=19456,t=2,p=1$5wY0vJj5VOBQSMXsvjUHfA$OiroU89muDU034r2krNrrvVw7S4c7cAcrDJvkh/eL8M','user',0,'2026-12-01 23:29:34.038923');
INSERT INTO `users` VALUES (0x60CF304BE68946B2927BD33FAE95345F,'alice','alice','alice','$argon2id$v=19$m=19456,t=2,p=1$oFM7MEWFeYFkzlrO7vnJbA$Wi4obsi6xHSuatrc4JrPUSwt4q3W+D5V9K7pOS3KiaI','admin',0,'2026-12-01 23:29:33.911684');
INSERT INTO `users` VALUES (0x7160B617239F47DE8C99313325F66976,'carol','carol','卡罗尔','$argon2id$v=19$m=19456,t=2,p=1$ujojMOvEZRUZC4zPoqvgaA$4UKQsvwprJvjmGLV76LjI/vaUSlQvwniTMIjg1ikyvE','user',0,'2026-12-01 23:29:34.140294');
INSERT INTO `users` VALUES (0xB6A47B7CCA2A4626B5BFF6A644083F08,'dave','dave','dave','$argon2id$v=19$m=19456,t=2,p=1$Fpc6GqfzaKA7MSl2osPhqg$Mfwa2BBX/JW5taRdUX8r1ZQEggkRxZ3BHPrwM2GpwSM','user',1,'2026-12-01 23:29:34.248812');
INSERT INTO `users` VALUES (0xD18974D9C57A4B77BA27EA25C32FF188,'erin','erin','Erin ✨','$argon2id$v=19$m=19456,t=2,p=1$iCY088EbQ5xdjvUfqLN93A$sxdLd7T0xPX9Z0KffNvkIb22yUUvkdY89DJXvydXFuU','user',0,'2026-12-01 23:29:34.355805');
/*!40000 ALTER TABLE `users` ENABLE KEYS */;
UNLOCK TABLES;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


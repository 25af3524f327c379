--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: chat_golden_schema; Type: SCHEMA; Schema: -; Owner: -
--



SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: change_counters; Type: TABLE; Schema: chat_golden_schema; Owner: -
--

CREATE TABLE chat_golden_schema.change_counters (
    conversation_id uuid NOT NULL,
    last_version bigint NOT NULL
);


--
-- Name: conversations; Type: TABLE; Schema: chat_golden_schema; Owner: -
--

CREATE TABLE chat_golden_schema.conversations (
    id uuid NOT NULL,
    kind text NOT NULL,
    title text,
    direct_low uuid,
    direct_high uuid,
    created_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT conversations_kind_check CHECK ((kind = ANY (ARRAY['direct'::text, 'group'::text])))
);


--
-- Name: mentions; Type: TABLE; Schema: chat_golden_schema; Owner: -
--

CREATE TABLE chat_golden_schema.mentions (
    conversation_id uuid NOT NULL,
    user_id uuid NOT NULL,
    seq bigint NOT NULL
);


--
-- Name: message_counters; Type: TABLE; Schema: chat_golden_schema; Owner: -
--

CREATE TABLE chat_golden_schema.message_counters (
    conversation_id uuid NOT NULL,
    last_seq bigint NOT NULL
);


--
-- Name: message_terms; Type: TABLE; Schema: chat_golden_schema; Owner: -
--

CREATE TABLE chat_golden_schema.message_terms (
    conversation_id uuid NOT NULL,
    term bigint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    seq bigint NOT NULL
);


--
-- Name: messages; Type: TABLE; Schema: chat_golden_schema; Owner: -
--

CREATE TABLE chat_golden_schema.messages (
    conversation_id uuid NOT NULL,
    seq bigint NOT NULL,
    id uuid NOT NULL,
    sender_id uuid NOT NULL,
    kind text NOT NULL,
    body text NOT NULL,
    client_msg_id text,
    reply_to bigint,
    created_at timestamp with time zone NOT NULL,
    mentions uuid[] DEFAULT '{}'::uuid[] NOT NULL,
    edited_at timestamp with time zone,
    deleted boolean DEFAULT false NOT NULL,
    reactions jsonb,
    version bigint DEFAULT 0 NOT NULL,
    CONSTRAINT messages_kind_check CHECK ((kind = ANY (ARRAY['text'::text, 'image'::text, 'file'::text, 'system'::text])))
);


--
-- Name: participants; Type: TABLE; Schema: chat_golden_schema; Owner: -
--

CREATE TABLE chat_golden_schema.participants (
    conversation_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text NOT NULL,
    joined_at timestamp with time zone NOT NULL,
    last_read_seq bigint DEFAULT 0 NOT NULL,
    delivered_seq bigint DEFAULT 0 NOT NULL,
    muted boolean DEFAULT false NOT NULL,
    has_sent boolean DEFAULT false NOT NULL,
    ord bigint NOT NULL,
    CONSTRAINT participants_role_check CHECK ((role = ANY (ARRAY['owner'::text, 'admin'::text, 'member'::text])))
);


--
-- Name: participants_ord_seq; Type: SEQUENCE; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE chat_golden_schema.participants ALTER COLUMN ord ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME chat_golden_schema.participants_ord_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: schema_migrations; Type: TABLE; Schema: chat_golden_schema; Owner: -
--

CREATE TABLE chat_golden_schema.schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: search_watermark; Type: TABLE; Schema: chat_golden_schema; Owner: -
--

CREATE TABLE chat_golden_schema.search_watermark (
    conversation_id uuid NOT NULL,
    indexed_seq bigint NOT NULL
);


--
-- Name: sessions; Type: TABLE; Schema: chat_golden_schema; Owner: -
--

CREATE TABLE chat_golden_schema.sessions (
    token_hash text NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL
);


--
-- Name: users; Type: TABLE; Schema: chat_golden_schema; Owner: -
--

CREATE TABLE chat_golden_schema.users (
    id uuid NOT NULL,
    username text NOT NULL,
    username_key text NOT NULL COLLATE pg_catalog."C",
    display_name text NOT NULL,
    password_hash text NOT NULL,
    role text NOT NULL,
    banned boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT users_role_check CHECK ((role = ANY (ARRAY['user'::text, 'admin'::text])))
);


--
-- Data for Name: change_counters; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.change_counters (conversation_id, last_version) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 8);
INSERT INTO chat_golden_schema.change_counters (conversation_id, last_version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1);


--
-- Data for Name: conversations; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.conversations (id, kind, title, direct_low, direct_high, created_by, created_at) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 'direct', NULL, '3e65de93-7d79-409d-a106-e01c3ee588fc', '7bb75962-9102-48b0-8a8a-e1e16d1996df', '7bb75962-9102-48b0-8a8a-e1e16d1996df', '2026-12-02 15:34:43.4912+00');
INSERT INTO chat_golden_schema.conversations (id, kind, title, direct_low, direct_high, created_by, created_at) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 'group', 'Team 团队', NULL, NULL, '7bb75962-9102-48b0-8a8a-e1e16d1996df', '2026-12-02 15:34:43.638727+00');
INSERT INTO chat_golden_schema.conversations (id, kind, title, direct_low, direct_high, created_by, created_at) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', 'direct', NULL, '50c74a63-6aa5-45e2-b713-fcb063ea695b', '82e6b163-077b-4788-9b23-30a84e7281a5', '82e6b163-077b-4788-9b23-30a84e7281a5', '2026-12-02 15:34:43.762915+00');


--
-- Data for Name: mentions; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.mentions (conversation_id, user_id, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 2);
INSERT INTO chat_golden_schema.mentions (conversation_id, user_id, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', '3e65de93-7d79-409d-a106-e01c3ee588fc', 5);
INSERT INTO chat_golden_schema.mentions (conversation_id, user_id, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', '82e6b163-077b-4788-9b23-30a84e7281a5', 4);
INSERT INTO chat_golden_schema.mentions (conversation_id, user_id, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 'c1af3381-2812-4aaf-963e-bcf788f3e44f', 5);
INSERT INTO chat_golden_schema.mentions (conversation_id, user_id, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', '3e65de93-7d79-409d-a106-e01c3ee588fc', 5);


--
-- Data for Name: message_counters; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.message_counters (conversation_id, last_seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 18);
INSERT INTO chat_golden_schema.message_counters (conversation_id, last_seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', 1);
INSERT INTO chat_golden_schema.message_counters (conversation_id, last_seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 8);


--
-- Data for Name: message_terms; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 21748447695211092, '2026-12-02 15:34:43.555636+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 616480809636410796, '2026-12-02 15:34:43.555636+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 623248303706724926, '2026-12-02 15:34:43.555636+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 632811855847011954, '2026-12-02 15:34:43.555636+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 4206689019978932209, '2026-12-02 15:34:43.555636+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 6261340596704858878, '2026-12-02 15:34:43.555636+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -7748194207932258180, '2026-12-02 15:34:43.555636+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -4697020747099414328, '2026-12-02 15:34:43.555636+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -4409591276086338113, '2026-12-02 15:34:43.555636+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -430950356557152130, '2026-12-02 15:34:43.555636+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 632811855847011954, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 632817353405153009, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 632818452916781220, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 633691465149391529, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 3684122813313859777, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 3745237988318238391, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 4425112046817341908, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 6261350492309512777, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 6266135566914540924, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 6680034554010526788, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 6818690737475032255, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 8868686563333651592, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -8470410962242777022, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6328419469704649709, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -422254319091334356, '2026-12-02 15:34:43.64249+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 2190746249720073669, '2026-12-02 15:34:43.647471+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 3151655753693771570, '2026-12-02 15:34:43.647471+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 3695192617058426215, '2026-12-02 15:34:43.647471+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 3707939255361816413, '2026-12-02 15:34:43.647471+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 4390079301413877939, '2026-12-02 15:34:43.647471+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 4466333036542265914, '2026-12-02 15:34:43.647471+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5255052966786310987, '2026-12-02 15:34:43.647471+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5591553307084176370, '2026-12-02 15:34:43.647471+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5591562103177202058, '2026-12-02 15:34:43.647471+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5591599486572561232, '2026-12-02 15:34:43.647471+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -8453419109543810278, '2026-12-02 15:34:43.647471+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -7709832606353587322, '2026-12-02 15:34:43.647471+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -168189690402543643, '2026-12-02 15:34:43.647471+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 2280646858742428675, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 2460366937608141452, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 4557740423466924145, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 6573323732311743710, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7227808028833660510, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7229047178438465082, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7229077964764054990, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -8739564056839834869, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -7872330512725292036, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -7871145239190269803, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -7871105656771654207, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -7864396436817635260, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -7650661018519224071, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6958381247879438463, '2026-12-02 15:34:43.654377+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 622146593055446729, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 636480926149595161, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 2113118221507408705, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 2186919949254656289, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 2186944138510476931, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 2186954034115130830, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 2432146444656477716, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 2868212538290315391, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 3708570375036220302, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 3748042842481236977, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 8509334763778785959, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 8621434609446929076, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -8470434051986969453, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6487884904576053265, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5996188062542524920, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5783588138700960654, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5376920200216357718, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3577812383791414102, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3098584485265772029, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -2496250300399853718, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -728733109555257407, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -143168184287559612, '2026-12-02 15:34:43.661431+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 21748447695211092, '2026-12-02 15:34:43.667369+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 616496202799205750, '2026-12-02 15:34:43.667369+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 623248303706724926, '2026-12-02 15:34:43.667369+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 625247215846434074, '2026-12-02 15:34:43.667369+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1344757804228650012, '2026-12-02 15:34:43.667369+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -7506073879926296225, '2026-12-02 15:34:43.667369+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5640151955275217971, '2026-12-02 15:34:43.667369+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5608866784325272487, '2026-12-02 15:34:43.667369+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -4396322369759736915, '2026-12-02 15:34:43.667369+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 618475323729607100, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 620430255404187808, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 631693652521310592, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 637613423126463266, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1099142369632054460, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5496783091592871532, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7164669434298462231, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7593828014397192249, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -9048164750033335591, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6868719296298810284, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5837410478085250057, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5808609649712063748, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -4263385553539355601, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3090469792669496389, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1805772918813500764, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1269000600999062042, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -332775499473868230, '2026-12-02 15:34:43.67343+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 618475323729607100, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 620430255404187808, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 631693652521310592, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 637613423126463266, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1099142369632054460, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5496783091592871532, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7164669434298462231, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7593828014397192249, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -9048164750033335591, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6868719296298810284, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5837410478085250057, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5808606351177179115, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -4263385553539355601, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3090469792669496389, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1805772918813500764, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1269000600999062042, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -332775499473868230, '2026-12-02 15:34:43.677969+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 618475323729607100, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 620430255404187808, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 631693652521310592, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 637613423126463266, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1099142369632054460, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5496783091592871532, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7164669434298462231, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7593828014397192249, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -9048164750033335591, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6868719296298810284, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5837410478085250057, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5808607450688807326, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -4263385553539355601, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3090469792669496389, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1805772918813500764, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1269000600999062042, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -332775499473868230, '2026-12-02 15:34:43.682109+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 618475323729607100, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 620430255404187808, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 631693652521310592, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 637613423126463266, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1099142369632054460, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5496783091592871532, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7164669434298462231, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7593828014397192249, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -9048164750033335591, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6868719296298810284, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5837410478085250057, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5808612948246948381, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -4263385553539355601, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3090469792669496389, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1805772918813500764, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1269000600999062042, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -332775499473868230, '2026-12-02 15:34:43.686247+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 618475323729607100, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 620430255404187808, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 631693652521310592, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 637613423126463266, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1099142369632054460, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5496783091592871532, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7164669434298462231, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7593828014397192249, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -9048164750033335591, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6868719296298810284, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5837410478085250057, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5808614047758576592, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -4263385553539355601, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3090469792669496389, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1805772918813500764, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1269000600999062042, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -332775499473868230, '2026-12-02 15:34:43.690622+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 618475323729607100, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 620430255404187808, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 631693652521310592, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 637613423126463266, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1099142369632054460, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5496783091592871532, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7164669434298462231, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7593828014397192249, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -9048164750033335591, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6868719296298810284, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5837410478085250057, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5808610749223691959, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -4263385553539355601, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3090469792669496389, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1805772918813500764, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1269000600999062042, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -332775499473868230, '2026-12-02 15:34:43.700495+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 21748447695211092, '2026-12-02 15:34:43.502022+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 620456643683264872, '2026-12-02 15:34:43.502022+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 623248303706724926, '2026-12-02 15:34:43.502022+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 625247215846434074, '2026-12-02 15:34:43.502022+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 626942662776756986, '2026-12-02 15:34:43.502022+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 1344757804228650012, '2026-12-02 15:34:43.502022+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 1881321687411304774, '2026-12-02 15:34:43.502022+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 2189567573254820702, '2026-12-02 15:34:43.502022+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 2403476451229608751, '2026-12-02 15:34:43.502022+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 4328226126094466931, '2026-12-02 15:34:43.502022+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 4406249425519110819, '2026-12-02 15:34:43.502022+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -7506073879926296225, '2026-12-02 15:34:43.502022+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -5640151955275217971, '2026-12-02 15:34:43.502022+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 620430255404187808, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 632817353405153009, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 637596930452040101, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 637614522638091477, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 643268211429217089, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 2700404883692783306, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 5803779529149266183, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 6266135566914540924, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -9062519973848420032, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -9047295036335609915, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -8887754343061227208, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -5376880031247195812, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -5288806952315792160, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -1805776217348385397, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -1518101810341848227, '2026-12-02 15:34:43.514574+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 624134510078873767, '2026-12-02 15:34:43.586533+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 632818452916781220, '2026-12-02 15:34:43.586533+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 638472141707906832, '2026-12-02 15:34:43.586533+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 5541200090772654624, '2026-12-02 15:34:43.586533+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -8566499656901669700, '2026-12-02 15:34:43.586533+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -8509064303264613117, '2026-12-02 15:34:43.586533+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 618475323729607100, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 620430255404187808, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 631693652521310592, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 637613423126463266, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1099142369632054460, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5496783091592871532, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7164669434298462231, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7593828014397192249, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -9048164750033335591, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6868719296298810284, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5837410478085250057, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5808611848735320170, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -4263385553539355601, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3090469792669496389, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1805772918813500764, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1269000600999062042, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -332775499473868230, '2026-12-02 15:34:43.705275+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 618475323729607100, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 620430255404187808, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 631693652521310592, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 637613423126463266, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1099142369632054460, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5496783091592871532, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7164669434298462231, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7593828014397192249, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -9048164750033335591, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6868719296298810284, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5837410478085250057, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5808599754107409849, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -4263385553539355601, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3090469792669496389, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1805772918813500764, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1269000600999062042, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -332775499473868230, '2026-12-02 15:34:43.711832+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 618475323729607100, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 620430255404187808, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 631693652521310592, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 637613423126463266, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1099142369632054460, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5496783091592871532, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7164669434298462231, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7593828014397192249, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -9048164750033335591, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6868719296298810284, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5837410478085250057, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5808600853619038060, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -4263385553539355601, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3090469792669496389, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1805772918813500764, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1269000600999062042, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -332775499473868230, '2026-12-02 15:34:43.716819+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 574369514284255396, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 618475323729607100, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 620430255404187808, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 631693652521310592, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 637613423126463266, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1099142369632054460, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5496783091592871532, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7164669434298462231, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7593828014397192249, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -9048164750033335591, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6868719296298810284, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5837410478085250057, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -4263385553539355601, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3090469792669496389, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1805772918813500764, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1269000600999062042, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -332775499473868230, '2026-12-02 15:34:43.721159+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 574370613795883607, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 618475323729607100, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 620430255404187808, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 631693652521310592, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 637613423126463266, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1099142369632054460, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5496783091592871532, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7164669434298462231, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7593828014397192249, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -9048164750033335591, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6868719296298810284, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5837410478085250057, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -4263385553539355601, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3090469792669496389, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1805772918813500764, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1269000600999062042, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -332775499473868230, '2026-12-02 15:34:43.726095+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 574371713307511818, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 618475323729607100, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 620430255404187808, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 631693652521310592, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 637613423126463266, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1099142369632054460, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5496783091592871532, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7164669434298462231, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7593828014397192249, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -9048164750033335591, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -6868719296298810284, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -5837410478085250057, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -4263385553539355601, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -3090469792669496389, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1805772918813500764, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1269000600999062042, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -332775499473868230, '2026-12-02 15:34:43.730677+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 620430255404187808, '2026-12-02 15:34:43.739621+00', 18);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 628919584683901914, '2026-12-02 15:34:43.739621+00', 18);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', -1805772918813500764, '2026-12-02 15:34:43.739621+00', 18);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', 102900119563127220, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', 616496202799205750, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', 620445648566982762, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', 633691465149391529, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', 3684122813313859777, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', 4425112046817341908, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', 4591435408180227352, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', 6680034554010526788, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', 6818690737475032255, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', -6328419469704649709, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', -5608866784325272487, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', -4396322369759736915, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', -1792540296370630529, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', -285483229472152838, '2026-12-02 15:34:43.76992+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 620441250520469918, '2026-12-02 15:34:43.81938+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 632817353405153009, '2026-12-02 15:34:43.81938+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 638472141707906832, '2026-12-02 15:34:43.81938+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 1072007287504865346, '2026-12-02 15:34:43.81938+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 5527727774794834391, '2026-12-02 15:34:43.81938+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 6266135566914540924, '2026-12-02 15:34:43.81938+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -8509079696427408071, '2026-12-02 15:34:43.81938+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -7053160207755776404, '2026-12-02 15:34:43.81938+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -6696601420989699696, '2026-12-02 15:34:43.81938+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -4647150699687056663, '2026-12-02 15:34:43.81938+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -2612621580188288383, '2026-12-02 15:34:43.81938+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', -1796171983277854562, '2026-12-02 15:34:43.81938+00', 8);


--
-- Data for Name: messages; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 2, '02719788-74b8-42a8-b56b-4d943f64bf84', '3e65de93-7d79-409d-a106-e01c3ee588fc', 'text', 'Sure 👍 see you there @alice', 'bob-2', 1, '2026-12-02 15:34:43.514574+00', '{7bb75962-9102-48b0-8a8a-e1e16d1996df}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 3, '7a5c15dc-ce02-44cd-9cba-05e00c8cf396', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 'image', '{"content_type":"image/png","file_id":"4ca6f645-c265-4e63-b38d-de2e0a069eea","height":2,"name":"pixel 图.png","size":73,"width":3}', 'alice-3', NULL, '2026-12-02 15:34:43.537602+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 4, '8646d65a-88d6-4aac-b3ee-013105b40dc8', '3e65de93-7d79-409d-a106-e01c3ee588fc', 'file', '{"content_type":"text/plain; charset=utf-8","file_id":"42487c3e-1e7b-4999-bef2-9fd0eb31dc61","height":null,"name":"minutes.txt","size":27,"width":null}', 'bob-4', NULL, '2026-12-02 15:34:43.549984+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 5, 'ba06b53c-394d-410b-b757-0d0c36439956', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 'text', 'edited text ✏️ @bob', 'alice-5', NULL, '2026-12-02 15:34:43.555636+00', '{3e65de93-7d79-409d-a106-e01c3ee588fc}', '2026-12-02 15:34:43.561853+00', false, NULL, 1);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 6, 'cd535493-f520-4431-8e84-efc842c41b45', '3e65de93-7d79-409d-a106-e01c3ee588fc', 'text', '', 'bob-6', NULL, '2026-12-02 15:34:43.573424+00', '{}', NULL, true, NULL, 2);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 7, 'c4596daf-30c1-4838-bbe9-d3e870e30601', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 'text', 'react to me', 'alice-7', NULL, '2026-12-02 15:34:43.586533+00', '{}', NULL, false, '[{"emoji": "👍", "users": ["7bb75962-9102-48b0-8a8a-e1e16d1996df", "3e65de93-7d79-409d-a106-e01c3ee588fc"]}, {"emoji": "❤️", "users": ["3e65de93-7d79-409d-a106-e01c3ee588fc"]}]', 7);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 1, '7e11d504-276e-4019-97b3-9ca3cbb41a98', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 'text', 'Welcome to the team! 欢迎 🎉', 'alice-8', NULL, '2026-12-02 15:34:43.64249+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 3, '2e5f8b5f-3349-4fd2-bf4f-21a3e6eb33b1', '82e6b163-077b-4788-9b23-30a84e7281a5', 'text', '회의는 내일입니다', 'carol-10', 1, '2026-12-02 15:34:43.654377+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 4, '6f70f4cd-e596-4577-8bf8-22a04579430a', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 'text', '@carol 看一下这个文档 please', 'alice-11', NULL, '2026-12-02 15:34:43.661431+00', '{82e6b163-077b-4788-9b23-30a84e7281a5}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 5, '63f6f147-c008-41c5-8809-f9452549de36', 'c1af3381-2812-4aaf-963e-bcf788f3e44f', 'text', 'Lunch? 🍜 @bob @erin', 'dave-12', NULL, '2026-12-02 15:34:43.667369+00', '{c1af3381-2812-4aaf-963e-bcf788f3e44f,3e65de93-7d79-409d-a106-e01c3ee588fc}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 6, 'f54bb638-6b14-4a7c-8089-88dec2e25a5a', '3e65de93-7d79-409d-a106-e01c3ee588fc', 'text', 'status update 1: all green ✅', 'bob-13', NULL, '2026-12-02 15:34:43.67343+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 7, '2e0da7a0-3fab-46f1-b0cd-22f1bfba0f5e', '82e6b163-077b-4788-9b23-30a84e7281a5', 'text', 'status update 2: all green ✅', 'carol-14', NULL, '2026-12-02 15:34:43.677969+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 8, '89e4f159-a96b-4e13-8cd2-f6eda7bc5a08', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 'text', 'status update 3: all green ✅', 'alice-15', NULL, '2026-12-02 15:34:43.682109+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 9, 'ea681459-7235-4eda-aea3-57f68a378ebd', '3e65de93-7d79-409d-a106-e01c3ee588fc', 'text', 'status update 4: all green ✅', 'bob-16', NULL, '2026-12-02 15:34:43.686247+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 10, 'e65dde81-d87c-407f-928d-7aff81e1f115', '82e6b163-077b-4788-9b23-30a84e7281a5', 'text', 'status update 5: all green ✅', 'carol-17', NULL, '2026-12-02 15:34:43.690622+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 11, 'e9c7f6d6-c8ed-4160-9d71-7399d3b198b5', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 'text', 'status update 6: all green ✅', 'alice-18', NULL, '2026-12-02 15:34:43.700495+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 12, '8eb5dc61-0152-4efe-9158-bfce9b86827f', '3e65de93-7d79-409d-a106-e01c3ee588fc', 'text', 'status update 7: all green ✅', 'bob-19', NULL, '2026-12-02 15:34:43.705275+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 13, '657563a9-fc2d-4e21-807b-e3596d890240', '82e6b163-077b-4788-9b23-30a84e7281a5', 'text', 'status update 8: all green ✅', 'carol-20', NULL, '2026-12-02 15:34:43.711832+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 14, '2ece7ef6-f7be-4d70-b66f-ea31d4900ae9', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 'text', 'status update 9: all green ✅', 'alice-21', NULL, '2026-12-02 15:34:43.716819+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 15, '85822a97-4b03-4ed0-bb6a-a95836a0bf4c', '3e65de93-7d79-409d-a106-e01c3ee588fc', 'text', 'status update 10: all green ✅', 'bob-22', NULL, '2026-12-02 15:34:43.721159+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 16, '67e85dc1-87f7-434c-bfd6-eb00c88ba295', '82e6b163-077b-4788-9b23-30a84e7281a5', 'text', 'status update 11: all green ✅', 'carol-23', NULL, '2026-12-02 15:34:43.726095+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 17, 'd929c972-478f-4524-ba88-4ea2ae6abd9f', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 'text', 'status update 12: all green ✅', 'alice-24', NULL, '2026-12-02 15:34:43.730677+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 18, '1cf713c8-2792-4333-b618-ee23cf4f4ef0', '50c74a63-6aa5-45e2-b713-fcb063ea695b', 'text', 'hi all 👋', 'erin-25', NULL, '2026-12-02 15:34:43.739621+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', 1, '973fbc04-b944-4ed6-a39b-b1199acb3e94', '82e6b163-077b-4788-9b23-30a84e7281a5', 'text', 'Welcome aboard, Erin!', 'carol-26', NULL, '2026-12-02 15:34:43.76992+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 8, 'a86b1492-fb99-47d7-9930-26cc5a6d4334', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 'text', 'after the restart 🔁', 'alice-27', NULL, '2026-12-02 15:34:43.81938+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 1, '46c3952d-36cd-41c7-8abc-26954cb66fbe', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 'text', '你好 Bob! Lunch at noon? 🍜', 'alice-1', NULL, '2026-12-02 15:34:43.502022+00', '{}', NULL, false, '[{"emoji": "🎉", "users": ["3e65de93-7d79-409d-a106-e01c3ee588fc"]}]', 8);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 2, '02e79233-6a53-44ac-aa3b-0f12e24d28a3', '3e65de93-7d79-409d-a106-e01c3ee588fc', 'text', '会議は明日です 📅', 'bob-9', NULL, '2026-12-02 15:34:43.647471+00', '{}', NULL, false, '[{"emoji": "👀", "users": ["82e6b163-077b-4788-9b23-30a84e7281a5"]}]', 1);


--
-- Data for Name: participants; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 'owner', '2026-12-02 15:34:43.4912+00', 5, 7, false, true, 1);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', '7bb75962-9102-48b0-8a8a-e1e16d1996df', 'owner', '2026-12-02 15:34:43.638727+00', 0, 0, false, true, 3);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', '3e65de93-7d79-409d-a106-e01c3ee588fc', 'member', '2026-12-02 15:34:43.638727+00', 3, 0, false, true, 4);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', '50c74a63-6aa5-45e2-b713-fcb063ea695b', 'member', '2026-12-02 15:34:43.736186+00', 0, 18, false, true, 7);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', '82e6b163-077b-4788-9b23-30a84e7281a5', 'member', '2026-12-02 15:34:43.638727+00', 18, 0, false, true, 5);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', '50c74a63-6aa5-45e2-b713-fcb063ea695b', 'member', '2026-12-02 15:34:43.762915+00', 0, 0, false, false, 9);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', '82e6b163-077b-4788-9b23-30a84e7281a5', 'owner', '2026-12-02 15:34:43.762915+00', 0, 0, false, true, 8);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', '3e65de93-7d79-409d-a106-e01c3ee588fc', 'member', '2026-12-02 15:34:43.4912+00', 8, 0, true, true, 2);


--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.schema_migrations (version, name, applied_at) VALUES (1, 'initial', '2026-12-02 15:34:43.060081+00');


--
-- Data for Name: search_watermark; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.search_watermark (conversation_id, indexed_seq) VALUES ('ef2291b8-0bba-49aa-ac19-7f542e30e05f', 18);
INSERT INTO chat_golden_schema.search_watermark (conversation_id, indexed_seq) VALUES ('540f9777-ef03-4d4d-9a84-8ab61235fa19', 1);
INSERT INTO chat_golden_schema.search_watermark (conversation_id, indexed_seq) VALUES ('c0f61e50-29b9-4d66-836a-25172d411bb0', 8);


--
-- Data for Name: sessions; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.sessions (token_hash, user_id, created_at, expires_at) VALUES ('b27a30b64c7b7f10c93da8c8ce5059fbfb52b4ac8b629994ad1106b66f74be36', '7bb75962-9102-48b0-8a8a-e1e16d1996df', '2026-12-02 15:34:43.22724+00', '2126-11-08 15:34:43.22724+00');
INSERT INTO chat_golden_schema.sessions (token_hash, user_id, created_at, expires_at) VALUES ('8cb2b816948986f2666c92a017af53d454aa4957338818269c877ab6f512b0cb', '3e65de93-7d79-409d-a106-e01c3ee588fc', '2026-12-02 15:34:43.310639+00', '2126-11-08 15:34:43.310639+00');
INSERT INTO chat_golden_schema.sessions (token_hash, user_id, created_at, expires_at) VALUES ('99b936f3a2fbef73b7725ffb44de9d95c2fd692ef2afe7e628ae590d4a8137c6', '82e6b163-077b-4788-9b23-30a84e7281a5', '2026-12-02 15:34:43.361841+00', '2126-11-08 15:34:43.361841+00');
INSERT INTO chat_golden_schema.sessions (token_hash, user_id, created_at, expires_at) VALUES ('26e88d1ab86018b5937ec5f290d69e2b7595fe2d282f1ccf3300ceef7b00e361', '50c74a63-6aa5-45e2-b713-fcb063ea695b', '2026-12-02 15:34:43.485954+00', '2126-11-08 15:34:43.485954+00');
INSERT INTO chat_golden_schema.sessions (token_hash, user_id, created_at, expires_at) VALUES ('93bed4b5b28b11c27360e922626dd0cb34bae9836af71dbc8523b015405484d8', '7bb75962-9102-48b0-8a8a-e1e16d1996df', '2026-12-02 15:34:46.069796+00', '2126-11-08 15:34:46.069796+00');


--
-- Data for Name: users; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.users (id, username, username_key, display_name, password_hash, role, banned, created_at) VALUES ('7bb75962-9102-48b0-8a8a-e1e16d1996df', 'alice', 'alice', 'alice', '$argon2id$v=19$m=19456,t=2,p=1$VoEnm9elFrmL3qv4qSokNA$FQx3g0ReFTmhBllqOBv0F+WMedQzFn5P1r54ve7BD4U', 'admin', false, '2026-12-02 15:34:43.131667+00');
INSERT INTO chat_golden_schema.users (id, username, username_key, display_name, password_hash, role, banned, created_at) VALUES ('3e65de93-7d79-409d-a106-e01c3ee588fc', 'bob', 'bob', 'Bob B.', '$argon2id$v=19$m=19456,t=2,p=1$erib6CaGhWSRDeydTuxECw$dbGzNE4HtmSD3Me3rvLYisyEsx7CSVl49lNgUVTL2Wc', 'user', false, '2026-12-02 15:34:43.280841+00');
INSERT INTO chat_golden_schema.users (id, username, username_key, display_name, password_hash, role, banned, created_at) VALUES ('82e6b163-077b-4788-9b23-30a84e7281a5', 'carol', 'carol', '卡罗尔', '$argon2id$v=19$m=19456,t=2,p=1$2U8Z3rIvrx2lqjTMiExaVA$43ol43N7LqdmLbINRk+IrGDy18Ww738eMEOgJ24ngWc', 'user', false, '2026-12-02 15:34:43.3357+00');
INSERT INTO chat_golden_schema.users (id, username, username_key, display_name, password_hash, role, banned, created_at) VALUES ('50c74a63-6aa5-45e2-b713-fcb063ea695b', 'erin', 'erin', 'Erin ✨', '$argon2id$v=19$m=19456,t=2,p=1$XNEZDvlg3yLc+0usOpa36g$3/lrdjrC/0Ep6ZJMIlSGU7h2QXdf82C4hLLZScWwchI', 'user', false, '2026-12-02 15:34:43.436641+00');
INSERT INTO chat_golden_schema.users (id, username, username_key, display_name, password_hash, role, banned, created_at) VALUES ('c1af3381-2812-4aaf-963e-bcf788f3e44f', 'dave', 'dave', 'dave', '$argon2id$v=19$m=19456,t=2,p=1$xI9GC5TW7bO2+Oe6tIZIqw$GzSoeC3gfD8vMjjbR1Nn0Pt22eSx5+ZUp2y0+hSXIh4', 'user', true, '2026-12-02 15:34:43.388293+00');


--
-- Name: participants_ord_seq; Type: SEQUENCE SET; Schema: chat_golden_schema; Owner: -
--

SELECT pg_catalog.setval('chat_golden_schema.participants_ord_seq', 9, true);


--
-- Name: change_counters change_counters_pkey; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.change_counters
    ADD CONSTRAINT change_counters_pkey PRIMARY KEY (conversation_id);


--
-- Name: conversations conversations_direct_pair; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.conversations
    ADD CONSTRAINT conversations_direct_pair UNIQUE (direct_low, direct_high);


--
-- Name: conversations conversations_pkey; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.conversations
    ADD CONSTRAINT conversations_pkey PRIMARY KEY (id);


--
-- Name: mentions mentions_pkey; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.mentions
    ADD CONSTRAINT mentions_pkey PRIMARY KEY (conversation_id, user_id, seq);


--
-- Name: message_counters message_counters_pkey; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.message_counters
    ADD CONSTRAINT message_counters_pkey PRIMARY KEY (conversation_id);


--
-- Name: message_terms message_terms_pkey; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.message_terms
    ADD CONSTRAINT message_terms_pkey PRIMARY KEY (conversation_id, term, created_at, seq);


--
-- Name: messages messages_client_id; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.messages
    ADD CONSTRAINT messages_client_id UNIQUE (conversation_id, sender_id, client_msg_id);


--
-- Name: messages messages_id; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.messages
    ADD CONSTRAINT messages_id UNIQUE (id);


--
-- Name: messages messages_pkey; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.messages
    ADD CONSTRAINT messages_pkey PRIMARY KEY (conversation_id, seq);


--
-- Name: participants participants_pkey; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.participants
    ADD CONSTRAINT participants_pkey PRIMARY KEY (conversation_id, user_id);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: search_watermark search_watermark_pkey; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.search_watermark
    ADD CONSTRAINT search_watermark_pkey PRIMARY KEY (conversation_id);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (token_hash);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: users users_username_key; Type: CONSTRAINT; Schema: chat_golden_schema; Owner: -
--

ALTER TABLE ONLY chat_golden_schema.users
    ADD CONSTRAINT users_username_key UNIQUE (username_key);


--
-- Name: messages_changes; Type: INDEX; Schema: chat_golden_schema; Owner: -
--

CREATE UNIQUE INDEX messages_changes ON chat_golden_schema.messages USING btree (conversation_id, version) WHERE (version > 0);


--
-- Name: participants_user; Type: INDEX; Schema: chat_golden_schema; Owner: -
--

CREATE INDEX participants_user ON chat_golden_schema.participants USING btree (user_id);


--
-- Name: sessions_expiry; Type: INDEX; Schema: chat_golden_schema; Owner: -
--

CREATE INDEX sessions_expiry ON chat_golden_schema.sessions USING btree (expires_at);


--
-- Name: sessions_user; Type: INDEX; Schema: chat_golden_schema; Owner: -
--

CREATE INDEX sessions_user ON chat_golden_schema.sessions USING btree (user_id, created_at);


--
-- PostgreSQL database dump complete
--



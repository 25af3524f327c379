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

INSERT INTO chat_golden_schema.change_counters (conversation_id, last_version) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 8);
INSERT INTO chat_golden_schema.change_counters (conversation_id, last_version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1);


--
-- Data for Name: conversations; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.conversations (id, kind, title, direct_low, direct_high, created_by, created_at) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 'direct', NULL, 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', '2026-12-02 15:06:24.819581+00');
INSERT INTO chat_golden_schema.conversations (id, kind, title, direct_low, direct_high, created_by, created_at) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 'group', 'Team 团队', NULL, NULL, 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', '2026-12-02 15:06:24.977065+00');
INSERT INTO chat_golden_schema.conversations (id, kind, title, direct_low, direct_high, created_by, created_at) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', 'direct', NULL, '11c441ec-5998-414a-bd3c-d51efea3e651', '2c82aae3-06f7-4689-b945-d8c647552565', '11c441ec-5998-414a-bd3c-d51efea3e651', '2026-12-02 15:06:25.140122+00');


--
-- Data for Name: mentions; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.mentions (conversation_id, user_id, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 2);
INSERT INTO chat_golden_schema.mentions (conversation_id, user_id, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', 5);
INSERT INTO chat_golden_schema.mentions (conversation_id, user_id, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', '11c441ec-5998-414a-bd3c-d51efea3e651', 4);
INSERT INTO chat_golden_schema.mentions (conversation_id, user_id, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', '213cab36-c150-47c0-b009-a0cff87fcea9', 5);
INSERT INTO chat_golden_schema.mentions (conversation_id, user_id, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', 5);


--
-- Data for Name: message_counters; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.message_counters (conversation_id, last_seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 18);
INSERT INTO chat_golden_schema.message_counters (conversation_id, last_seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', 1);
INSERT INTO chat_golden_schema.message_counters (conversation_id, last_seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 8);


--
-- Data for Name: message_terms; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 21748447695211092, '2026-12-02 15:06:24.882662+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 616480809636410796, '2026-12-02 15:06:24.882662+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 623248303706724926, '2026-12-02 15:06:24.882662+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 632811855847011954, '2026-12-02 15:06:24.882662+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 4206689019978932209, '2026-12-02 15:06:24.882662+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 6261340596704858878, '2026-12-02 15:06:24.882662+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -7748194207932258180, '2026-12-02 15:06:24.882662+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -4697020747099414328, '2026-12-02 15:06:24.882662+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -4409591276086338113, '2026-12-02 15:06:24.882662+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -430950356557152130, '2026-12-02 15:06:24.882662+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 632811855847011954, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 632817353405153009, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 632818452916781220, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 633691465149391529, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 3684122813313859777, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 3745237988318238391, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 4425112046817341908, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 6261350492309512777, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 6266135566914540924, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 6680034554010526788, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 6818690737475032255, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 8868686563333651592, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -8470410962242777022, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6328419469704649709, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -422254319091334356, '2026-12-02 15:06:24.982536+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 2190746249720073669, '2026-12-02 15:06:24.991207+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 3151655753693771570, '2026-12-02 15:06:24.991207+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 3695192617058426215, '2026-12-02 15:06:24.991207+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 3707939255361816413, '2026-12-02 15:06:24.991207+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 4390079301413877939, '2026-12-02 15:06:24.991207+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 4466333036542265914, '2026-12-02 15:06:24.991207+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5255052966786310987, '2026-12-02 15:06:24.991207+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5591553307084176370, '2026-12-02 15:06:24.991207+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5591562103177202058, '2026-12-02 15:06:24.991207+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5591599486572561232, '2026-12-02 15:06:24.991207+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -8453419109543810278, '2026-12-02 15:06:24.991207+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -7709832606353587322, '2026-12-02 15:06:24.991207+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -168189690402543643, '2026-12-02 15:06:24.991207+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 2280646858742428675, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 2460366937608141452, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 4557740423466924145, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 6573323732311743710, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7227808028833660510, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7229047178438465082, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7229077964764054990, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -8739564056839834869, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -7872330512725292036, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -7871145239190269803, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -7871105656771654207, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -7864396436817635260, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -7650661018519224071, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6958381247879438463, '2026-12-02 15:06:25.001349+00', 3);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 622146593055446729, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 636480926149595161, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 2113118221507408705, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 2186919949254656289, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 2186944138510476931, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 2186954034115130830, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 2432146444656477716, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 2868212538290315391, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 3708570375036220302, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 3748042842481236977, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 8509334763778785959, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 8621434609446929076, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -8470434051986969453, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6487884904576053265, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5996188062542524920, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5783588138700960654, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5376920200216357718, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3577812383791414102, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3098584485265772029, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -2496250300399853718, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -728733109555257407, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -143168184287559612, '2026-12-02 15:06:25.00962+00', 4);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 21748447695211092, '2026-12-02 15:06:25.017362+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 616496202799205750, '2026-12-02 15:06:25.017362+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 623248303706724926, '2026-12-02 15:06:25.017362+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 625247215846434074, '2026-12-02 15:06:25.017362+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1344757804228650012, '2026-12-02 15:06:25.017362+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -7506073879926296225, '2026-12-02 15:06:25.017362+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5640151955275217971, '2026-12-02 15:06:25.017362+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5608866784325272487, '2026-12-02 15:06:25.017362+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -4396322369759736915, '2026-12-02 15:06:25.017362+00', 5);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 618475323729607100, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 620430255404187808, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 631693652521310592, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 637613423126463266, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1099142369632054460, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5496783091592871532, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7164669434298462231, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7593828014397192249, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -9048164750033335591, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6868719296298810284, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5837410478085250057, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5808609649712063748, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -4263385553539355601, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3090469792669496389, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1805772918813500764, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1269000600999062042, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -332775499473868230, '2026-12-02 15:06:25.024286+00', 6);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 618475323729607100, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 620430255404187808, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 631693652521310592, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 637613423126463266, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1099142369632054460, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5496783091592871532, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7164669434298462231, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7593828014397192249, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -9048164750033335591, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6868719296298810284, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5837410478085250057, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5808606351177179115, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -4263385553539355601, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3090469792669496389, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1805772918813500764, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1269000600999062042, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -332775499473868230, '2026-12-02 15:06:25.030587+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 21748447695211092, '2026-12-02 15:06:24.830028+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 620456643683264872, '2026-12-02 15:06:24.830028+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 623248303706724926, '2026-12-02 15:06:24.830028+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 625247215846434074, '2026-12-02 15:06:24.830028+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 626942662776756986, '2026-12-02 15:06:24.830028+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 1344757804228650012, '2026-12-02 15:06:24.830028+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 1881321687411304774, '2026-12-02 15:06:24.830028+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 2189567573254820702, '2026-12-02 15:06:24.830028+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 2403476451229608751, '2026-12-02 15:06:24.830028+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 4328226126094466931, '2026-12-02 15:06:24.830028+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 4406249425519110819, '2026-12-02 15:06:24.830028+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -7506073879926296225, '2026-12-02 15:06:24.830028+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -5640151955275217971, '2026-12-02 15:06:24.830028+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 620430255404187808, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 632817353405153009, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 637596930452040101, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 637614522638091477, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 643268211429217089, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 2700404883692783306, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 5803779529149266183, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 6266135566914540924, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -9062519973848420032, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -9047295036335609915, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -8887754343061227208, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -5376880031247195812, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -5288806952315792160, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -1805776217348385397, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -1518101810341848227, '2026-12-02 15:06:24.843958+00', 2);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 624134510078873767, '2026-12-02 15:06:24.924362+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 632818452916781220, '2026-12-02 15:06:24.924362+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 638472141707906832, '2026-12-02 15:06:24.924362+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 5541200090772654624, '2026-12-02 15:06:24.924362+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -8566499656901669700, '2026-12-02 15:06:24.924362+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -8509064303264613117, '2026-12-02 15:06:24.924362+00', 7);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 618475323729607100, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 620430255404187808, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 631693652521310592, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 637613423126463266, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1099142369632054460, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5496783091592871532, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7164669434298462231, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7593828014397192249, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -9048164750033335591, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6868719296298810284, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5837410478085250057, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5808607450688807326, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -4263385553539355601, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3090469792669496389, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1805772918813500764, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1269000600999062042, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -332775499473868230, '2026-12-02 15:06:25.037748+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 618475323729607100, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 620430255404187808, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 631693652521310592, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 637613423126463266, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1099142369632054460, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5496783091592871532, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7164669434298462231, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7593828014397192249, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -9048164750033335591, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6868719296298810284, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5837410478085250057, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5808612948246948381, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -4263385553539355601, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3090469792669496389, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1805772918813500764, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1269000600999062042, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -332775499473868230, '2026-12-02 15:06:25.043373+00', 9);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 618475323729607100, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 620430255404187808, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 631693652521310592, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 637613423126463266, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1099142369632054460, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5496783091592871532, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7164669434298462231, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7593828014397192249, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -9048164750033335591, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6868719296298810284, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5837410478085250057, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5808614047758576592, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -4263385553539355601, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3090469792669496389, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1805772918813500764, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1269000600999062042, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -332775499473868230, '2026-12-02 15:06:25.048339+00', 10);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 618475323729607100, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 620430255404187808, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 631693652521310592, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 637613423126463266, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1099142369632054460, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5496783091592871532, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7164669434298462231, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7593828014397192249, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -9048164750033335591, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6868719296298810284, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5837410478085250057, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5808610749223691959, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -4263385553539355601, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3090469792669496389, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1805772918813500764, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1269000600999062042, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -332775499473868230, '2026-12-02 15:06:25.053265+00', 11);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 618475323729607100, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 620430255404187808, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 631693652521310592, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 637613423126463266, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1099142369632054460, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5496783091592871532, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7164669434298462231, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7593828014397192249, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -9048164750033335591, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6868719296298810284, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5837410478085250057, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5808611848735320170, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -4263385553539355601, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3090469792669496389, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1805772918813500764, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1269000600999062042, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -332775499473868230, '2026-12-02 15:06:25.058409+00', 12);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 618475323729607100, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 620430255404187808, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 631693652521310592, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 637613423126463266, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1099142369632054460, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5496783091592871532, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7164669434298462231, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7593828014397192249, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -9048164750033335591, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6868719296298810284, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5837410478085250057, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5808599754107409849, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -4263385553539355601, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3090469792669496389, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1805772918813500764, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1269000600999062042, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -332775499473868230, '2026-12-02 15:06:25.065261+00', 13);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 618475323729607100, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 620430255404187808, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 631693652521310592, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 637613423126463266, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1099142369632054460, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5496783091592871532, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7164669434298462231, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7593828014397192249, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -9048164750033335591, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6868719296298810284, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5837410478085250057, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5808600853619038060, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -4263385553539355601, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3090469792669496389, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1805772918813500764, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1269000600999062042, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -332775499473868230, '2026-12-02 15:06:25.071934+00', 14);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 574369514284255396, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 618475323729607100, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 620430255404187808, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 631693652521310592, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 637613423126463266, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1099142369632054460, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5496783091592871532, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7164669434298462231, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7593828014397192249, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -9048164750033335591, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6868719296298810284, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5837410478085250057, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -4263385553539355601, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3090469792669496389, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1805772918813500764, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1269000600999062042, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -332775499473868230, '2026-12-02 15:06:25.076733+00', 15);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 574370613795883607, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 618475323729607100, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 620430255404187808, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 631693652521310592, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 637613423126463266, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1099142369632054460, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5496783091592871532, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7164669434298462231, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7593828014397192249, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -9048164750033335591, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6868719296298810284, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5837410478085250057, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -4263385553539355601, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3090469792669496389, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1805772918813500764, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1269000600999062042, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -332775499473868230, '2026-12-02 15:06:25.083104+00', 16);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 574371713307511818, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 618475323729607100, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 620430255404187808, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 631693652521310592, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 637613423126463266, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1099142369632054460, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5496783091592871532, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7164669434298462231, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7593828014397192249, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -9048164750033335591, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -6868719296298810284, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -5837410478085250057, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -4263385553539355601, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -3090469792669496389, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1805772918813500764, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1269000600999062042, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -332775499473868230, '2026-12-02 15:06:25.088564+00', 17);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 620430255404187808, '2026-12-02 15:06:25.107063+00', 18);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 628919584683901914, '2026-12-02 15:06:25.107063+00', 18);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', -1805772918813500764, '2026-12-02 15:06:25.107063+00', 18);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', 102900119563127220, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', 616496202799205750, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', 620445648566982762, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', 633691465149391529, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', 3684122813313859777, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', 4425112046817341908, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', 4591435408180227352, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', 6680034554010526788, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', 6818690737475032255, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', -6328419469704649709, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', -5608866784325272487, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', -4396322369759736915, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', -1792540296370630529, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', -285483229472152838, '2026-12-02 15:06:25.148986+00', 1);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 620441250520469918, '2026-12-02 15:06:25.193009+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 632817353405153009, '2026-12-02 15:06:25.193009+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 638472141707906832, '2026-12-02 15:06:25.193009+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 1072007287504865346, '2026-12-02 15:06:25.193009+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 5527727774794834391, '2026-12-02 15:06:25.193009+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 6266135566914540924, '2026-12-02 15:06:25.193009+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -8509079696427408071, '2026-12-02 15:06:25.193009+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -7053160207755776404, '2026-12-02 15:06:25.193009+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -6696601420989699696, '2026-12-02 15:06:25.193009+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -4647150699687056663, '2026-12-02 15:06:25.193009+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -2612621580188288383, '2026-12-02 15:06:25.193009+00', 8);
INSERT INTO chat_golden_schema.message_terms (conversation_id, term, created_at, seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', -1796171983277854562, '2026-12-02 15:06:25.193009+00', 8);


--
-- Data for Name: messages; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 2, 'c6471a89-bb37-4297-935a-f5c7617ca6c5', 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', 'text', 'Sure 👍 see you there @alice', 'bob-2', 1, '2026-12-02 15:06:24.843958+00', '{cca405be-0e72-4a29-ab49-cc0f31ced9ae}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 3, '5a6bd68e-07d3-4ef9-a183-b02ece43fd70', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'image', '{"content_type":"image/png","file_id":"2a18ccdd-8041-430e-9d0a-b96422777cf0","height":2,"name":"pixel 图.png","size":73,"width":3}', 'alice-3', NULL, '2026-12-02 15:06:24.866617+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 4, '7d9240fc-ea13-4cc2-aaad-74700ee0ae5a', 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', 'file', '{"content_type":"text/plain; charset=utf-8","file_id":"1055e092-3540-460d-8704-885339d2e51e","height":null,"name":"minutes.txt","size":27,"width":null}', 'bob-4', NULL, '2026-12-02 15:06:24.873817+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 5, 'e613a5d0-a739-46b5-ad50-149b53795f15', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'text', 'edited text ✏️ @bob', 'alice-5', NULL, '2026-12-02 15:06:24.882662+00', '{bcbc8683-807c-4e32-8e4a-f320cd5151ef}', '2026-12-02 15:06:24.88897+00', false, NULL, 1);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 6, '4fe45840-b29a-4355-a902-c7cd91ed6c9b', 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', 'text', '', 'bob-6', NULL, '2026-12-02 15:06:24.908121+00', '{}', NULL, true, NULL, 2);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 7, '35e0eb28-c0ec-4535-ab00-c1d1a596a193', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'text', 'react to me', 'alice-7', NULL, '2026-12-02 15:06:24.924362+00', '{}', NULL, false, '[{"emoji": "👍", "users": ["cca405be-0e72-4a29-ab49-cc0f31ced9ae", "bcbc8683-807c-4e32-8e4a-f320cd5151ef"]}, {"emoji": "❤️", "users": ["bcbc8683-807c-4e32-8e4a-f320cd5151ef"]}]', 7);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 1, '94e79283-2caf-4d8f-a514-2e4162d213fc', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'text', 'Welcome to the team! 欢迎 🎉', 'alice-8', NULL, '2026-12-02 15:06:24.982536+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 3, '3dd94b61-81b8-471a-8eb3-a9582cbefeed', '11c441ec-5998-414a-bd3c-d51efea3e651', 'text', '회의는 내일입니다', 'carol-10', 1, '2026-12-02 15:06:25.001349+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 4, 'a80ab101-f068-418e-b868-47234046b64a', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'text', '@carol 看一下这个文档 please', 'alice-11', NULL, '2026-12-02 15:06:25.00962+00', '{11c441ec-5998-414a-bd3c-d51efea3e651}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 5, 'bc147ac9-f965-476e-ac69-37a4149c3795', '213cab36-c150-47c0-b009-a0cff87fcea9', 'text', 'Lunch? 🍜 @bob @erin', 'dave-12', NULL, '2026-12-02 15:06:25.017362+00', '{213cab36-c150-47c0-b009-a0cff87fcea9,bcbc8683-807c-4e32-8e4a-f320cd5151ef}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 6, 'f3601b5f-dc6e-41ff-8086-9f7cafbbe7fa', 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', 'text', 'status update 1: all green ✅', 'bob-13', NULL, '2026-12-02 15:06:25.024286+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 7, '5206f9f8-6518-4d63-8fa1-6f64b5221549', '11c441ec-5998-414a-bd3c-d51efea3e651', 'text', 'status update 2: all green ✅', 'carol-14', NULL, '2026-12-02 15:06:25.030587+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 8, '20779f81-3297-4d22-b51f-c910dff23484', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'text', 'status update 3: all green ✅', 'alice-15', NULL, '2026-12-02 15:06:25.037748+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 9, '2fb4254b-b864-4ac7-aaaf-a4418d0e45e0', 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', 'text', 'status update 4: all green ✅', 'bob-16', NULL, '2026-12-02 15:06:25.043373+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 10, 'a1c7c6c8-bccb-4536-99e2-6197c6ff9999', '11c441ec-5998-414a-bd3c-d51efea3e651', 'text', 'status update 5: all green ✅', 'carol-17', NULL, '2026-12-02 15:06:25.048339+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 11, '5e53703b-b4e0-4783-a0c0-89a095b4bacb', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'text', 'status update 6: all green ✅', 'alice-18', NULL, '2026-12-02 15:06:25.053265+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 12, '41f46aef-688a-4f79-89b2-eec80c50db7a', 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', 'text', 'status update 7: all green ✅', 'bob-19', NULL, '2026-12-02 15:06:25.058409+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 13, 'f28cd2a3-706f-4be2-8c0b-5034ac881329', '11c441ec-5998-414a-bd3c-d51efea3e651', 'text', 'status update 8: all green ✅', 'carol-20', NULL, '2026-12-02 15:06:25.065261+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 14, '39c21e08-0f9e-4e36-8eca-ba0133b2ccd4', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'text', 'status update 9: all green ✅', 'alice-21', NULL, '2026-12-02 15:06:25.071934+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 15, '3fc0faa2-4cce-44cc-9985-609a105ba168', 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', 'text', 'status update 10: all green ✅', 'bob-22', NULL, '2026-12-02 15:06:25.076733+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 16, '3111331b-c4ee-4441-9af8-52918f4c2993', '11c441ec-5998-414a-bd3c-d51efea3e651', 'text', 'status update 11: all green ✅', 'carol-23', NULL, '2026-12-02 15:06:25.083104+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 17, '009b4a8c-4560-44ea-8192-fcd544ca4997', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'text', 'status update 12: all green ✅', 'alice-24', NULL, '2026-12-02 15:06:25.088564+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 18, '8b15f058-5505-4a0a-87e3-6605586ccf29', '2c82aae3-06f7-4689-b945-d8c647552565', 'text', 'hi all 👋', 'erin-25', NULL, '2026-12-02 15:06:25.107063+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', 1, 'c67d00a3-c4d6-4e48-8129-568272460bf1', '11c441ec-5998-414a-bd3c-d51efea3e651', 'text', 'Welcome aboard, Erin!', 'carol-26', NULL, '2026-12-02 15:06:25.148986+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 8, '522d0263-c9b0-4e60-9ad9-844794c6d77b', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'text', 'after the restart 🔁', 'alice-27', NULL, '2026-12-02 15:06:25.193009+00', '{}', NULL, false, NULL, 0);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 1, '6235762c-1e15-4576-974e-1f24a322572f', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'text', '你好 Bob! Lunch at noon? 🍜', 'alice-1', NULL, '2026-12-02 15:06:24.830028+00', '{}', NULL, false, '[{"emoji": "🎉", "users": ["bcbc8683-807c-4e32-8e4a-f320cd5151ef"]}]', 8);
INSERT INTO chat_golden_schema.messages (conversation_id, seq, id, sender_id, kind, body, client_msg_id, reply_to, created_at, mentions, edited_at, deleted, reactions, version) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 2, '3472fb90-015f-47a0-bf4d-cb0dd7e3a931', 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', 'text', '会議は明日です 📅', 'bob-9', NULL, '2026-12-02 15:06:24.991207+00', '{}', NULL, false, '[{"emoji": "👀", "users": ["11c441ec-5998-414a-bd3c-d51efea3e651"]}]', 1);


--
-- Data for Name: participants; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'owner', '2026-12-02 15:06:24.819581+00', 5, 7, false, true, 1);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'owner', '2026-12-02 15:06:24.977065+00', 0, 0, false, true, 3);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', 'member', '2026-12-02 15:06:24.977065+00', 3, 0, false, true, 4);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', '2c82aae3-06f7-4689-b945-d8c647552565', 'member', '2026-12-02 15:06:25.098389+00', 0, 18, false, true, 7);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', '11c441ec-5998-414a-bd3c-d51efea3e651', 'member', '2026-12-02 15:06:24.977065+00', 18, 0, false, true, 5);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', '2c82aae3-06f7-4689-b945-d8c647552565', 'member', '2026-12-02 15:06:25.140122+00', 0, 0, false, false, 9);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', '11c441ec-5998-414a-bd3c-d51efea3e651', 'owner', '2026-12-02 15:06:25.140122+00', 0, 0, false, true, 8);
INSERT INTO chat_golden_schema.participants (conversation_id, user_id, role, joined_at, last_read_seq, delivered_seq, muted, has_sent, ord) OVERRIDING SYSTEM VALUE VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', 'member', '2026-12-02 15:06:24.819581+00', 8, 0, true, true, 2);


--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.schema_migrations (version, name, applied_at) VALUES (1, 'initial', '2026-12-02 15:06:24.452316+00');


--
-- Data for Name: search_watermark; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.search_watermark (conversation_id, indexed_seq) VALUES ('871305e3-f22f-4c44-82f4-4a112de86eae', 18);
INSERT INTO chat_golden_schema.search_watermark (conversation_id, indexed_seq) VALUES ('4439b946-856e-40e1-a91f-f1073a5ae345', 1);
INSERT INTO chat_golden_schema.search_watermark (conversation_id, indexed_seq) VALUES ('5937a0f0-2d08-4d04-b0a4-5f767b266b7a', 8);


--
-- Data for Name: sessions; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.sessions (token_hash, user_id, created_at, expires_at) VALUES ('5e4075c8b4879bd7e03f565d88df727fe3a94bd26f3a01ac1d42b178675f3ff4', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', '2026-12-02 15:06:24.560664+00', '2126-11-08 15:06:24.560664+00');
INSERT INTO chat_golden_schema.sessions (token_hash, user_id, created_at, expires_at) VALUES ('9355342325c7a88b4e55adb8432329a36427828441603e209decc31f22dcdeec', 'bcbc8683-807c-4e32-8e4a-f320cd5151ef', '2026-12-02 15:06:24.640979+00', '2126-11-08 15:06:24.640979+00');
INSERT INTO chat_golden_schema.sessions (token_hash, user_id, created_at, expires_at) VALUES ('879b7d9b47b62c19f04852559b8982cca7a1ad4447b59e358a8e85cd75f79b5a', '11c441ec-5998-414a-bd3c-d51efea3e651', '2026-12-02 15:06:24.692426+00', '2126-11-08 15:06:24.692426+00');
INSERT INTO chat_golden_schema.sessions (token_hash, user_id, created_at, expires_at) VALUES ('bae32cde4340f355738accd01c9e0a8af0e208639d202c6651ed94001800aae8', '2c82aae3-06f7-4689-b945-d8c647552565', '2026-12-02 15:06:24.815299+00', '2126-11-08 15:06:24.815299+00');
INSERT INTO chat_golden_schema.sessions (token_hash, user_id, created_at, expires_at) VALUES ('78ebb059642b223ea99facd39a40074383c83cb1ce4f8a6a738661db4c4d0e34', 'cca405be-0e72-4a29-ab49-cc0f31ced9ae', '2026-12-02 15:06:27.463484+00', '2126-11-08 15:06:27.463484+00');


--
-- Data for Name: users; Type: TABLE DATA; Schema: chat_golden_schema; Owner: -
--

INSERT INTO chat_golden_schema.users (id, username, username_key, display_name, password_hash, role, banned, created_at) VALUES ('cca405be-0e72-4a29-ab49-cc0f31ced9ae', 'alice', 'alice', 'alice', '$argon2id$v=19$m=19456,t=2,p=1$ECPQK1aSw1guCyS7oshh1g$zIjhM1NcA2P1ehIRLNnbhTENFt6dkwLhZKBxXiydGnU', 'admin', false, '2026-12-02 15:06:24.523647+00');
INSERT INTO chat_golden_schema.users (id, username, username_key, display_name, password_hash, role, banned, created_at) VALUES ('bcbc8683-807c-4e32-8e4a-f320cd5151ef', 'bob', 'bob', 'Bob B.', '$argon2id$v=19$m=19456,t=2,p=1$pdpnxBqH7gbAz2cJd9VYdg$JrN1J0TF7ReGFJx9wk1CgHbRbSZ6jtkBnx25krkBoqo', 'user', false, '2026-12-02 15:06:24.617512+00');
INSERT INTO chat_golden_schema.users (id, username, username_key, display_name, password_hash, role, banned, created_at) VALUES ('11c441ec-5998-414a-bd3c-d51efea3e651', 'carol', 'carol', '卡罗尔', '$argon2id$v=19$m=19456,t=2,p=1$bGK9E3e9dD73Thfll4Nf7g$kyYpdtJkZHn3efv0xNT6CrguiZQqx/5F/6eHW8dJqZQ', 'user', false, '2026-12-02 15:06:24.667152+00');
INSERT INTO chat_golden_schema.users (id, username, username_key, display_name, password_hash, role, banned, created_at) VALUES ('2c82aae3-06f7-4689-b945-d8c647552565', 'erin', 'erin', 'Erin ✨', '$argon2id$v=19$m=19456,t=2,p=1$qOdGY4nVb+kUdRzhi5eVag$yPDCWYQEwvxT4Gcxs4jflv7sHt+QJwrJi3gTTbUKcfM', 'user', false, '2026-12-02 15:06:24.769995+00');
INSERT INTO chat_golden_schema.users (id, username, username_key, display_name, password_hash, role, banned, created_at) VALUES ('213cab36-c150-47c0-b009-a0cff87fcea9', 'dave', 'dave', 'dave', '$argon2id$v=19$m=19456,t=2,p=1$kicYzKQtmFrgHH3FJzgTtQ$R2lwRo3pgTqS6AHr3D7LXIuLs5wOqA6daJ7wgjuXoSU', 'user', true, '2026-12-02 15:06:24.713259+00');


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
-- Name: message_terms_by_message; Type: INDEX; Schema: chat_golden_schema; Owner: -
--

CREATE INDEX message_terms_by_message ON chat_golden_schema.message_terms USING btree (conversation_id, seq);


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



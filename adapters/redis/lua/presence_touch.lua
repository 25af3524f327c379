-- A connection connects or sends a heartbeat: record it with its new expiry (again, if
-- it had aged out or the store lost it). Returns 1 if the user had no live connection
-- before this one (came online, or back online).
-- Times are microseconds since the epoch (exact in a zset's double score).
-- KEYS[1] the user's connections (zset: connection -> expiry)
-- KEYS[2] every connection's expiry (zset: "user|connection" -> expiry)
-- ARGV: connection, now, expiry, user
local live = redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[2], '+inf')
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4] .. '|' .. ARGV[1])
if live == 0 then return 1 end
return 0

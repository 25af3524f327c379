-- A connection closes. Returns 1 if it was the user's last live one (gone offline); then
-- records last seen and clears any aged-out leftovers, so the sweeper does not announce
-- the same departure again.
-- KEYS[1] the user's connections, KEYS[2] every connection's expiry, KEYS[3] last seen
-- ARGV: connection, now, user
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[3] .. '|' .. ARGV[1])
if removed == 0 then return 0 end
if redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[2], '+inf') > 0 then return 0 end
for _, c in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  redis.call('ZREM', KEYS[2], ARGV[3] .. '|' .. c)
end
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[3], ARGV[2])
return 1
